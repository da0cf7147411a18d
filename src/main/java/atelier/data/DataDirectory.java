package atelier.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's data/ folder, which holds the shipped datasets: {@code -Datelier.data=DIR} or
 * {@code ATELIER_DATA} when set, else ./data, else data/ beside the folder that holds atelier.jar (so that
 * {@code java -jar target/atelier.jar} works from anywhere).
 */
public final class DataDirectory {
    private DataDirectory() {
    }

    public static Path find() {
        String configured = System.getProperty("atelier.data", System.getenv("ATELIER_DATA"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path here = Path.of("data");
        if (Files.isDirectory(here.resolve("fashion-mnist"))) {
            return here;
        }
        try {
            Path code = Path.of(DataDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("data").resolve("fashion-mnist"))) {
                    return dir.resolve("data");
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to ./data, whose absence the loader reports with the path it tried
        }
        return here;
    }
}
