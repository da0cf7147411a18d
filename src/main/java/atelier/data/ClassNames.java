package atelier.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Human names of the classes of the datasets Atelier knows, and of datasets that bring a classes.txt. */
public final class ClassNames {
    public static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Optional file in a dataset folder: one class name per line, in label order. */
    public static final String CLASSES_FILE = "classes.txt";

    private ClassNames() {
    }

    /** Names for {@code classCount} classes of the IDX dataset in {@code folder}. */
    public static List<String> forIdxFolder(Path folder, int classCount) {
        Path listed = folder.resolve(CLASSES_FILE);
        if (Files.isRegularFile(listed)) {
            try {
                List<String> names = Files.readAllLines(listed).stream().map(String::trim)
                        .filter(s -> !s.isEmpty()).toList();
                if (names.size() >= classCount) {
                    return names;
                }
            } catch (IOException e) {
                throw new DatasetException(listed + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }
        String name = folder.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.contains("fashion") && classCount <= FASHION_MNIST.size()) {
            return FASHION_MNIST.subList(0, classCount);
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < classCount; i++) {
            numbered.add(Integer.toString(i));
        }
        return numbered;
    }
}
