package atelier.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The folder where Atelier keeps what users make: label journals and (later) runs. Default ~/atelier-workspace;
 * {@code ATELIER_WORKSPACE} or a command's {@code --workspace} override it.
 */
public record Workspace(Path root) {

    public static Workspace defaultWorkspace() {
        String configured = System.getProperty("atelier.workspace", System.getenv("ATELIER_WORKSPACE"));
        if (configured != null && !configured.isBlank()) {
            return new Workspace(Path.of(configured));
        }
        return new Workspace(Path.of(System.getProperty("user.home"), "atelier-workspace"));
    }

    public Path journals() {
        return root.resolve("journals");
    }

    public Path runs() {
        return root.resolve("runs");
    }

    /**
     * The label journal of the dataset loaded from {@code source}: named after the folder and a hash of its full
     * path, so two datasets never share a journal and the dataset's own folder is never written to.
     */
    public Path journalFor(Path source) {
        String absolute = source.toAbsolutePath().normalize().toString();
        Path name = source.toAbsolutePath().normalize().getFileName();
        String stem = (name == null ? "dataset" : name.toString()).replaceAll("[^A-Za-z0-9._-]", "_");
        return journals().resolve(stem + "-" + shortHash(absolute) + ".jsonl");
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
