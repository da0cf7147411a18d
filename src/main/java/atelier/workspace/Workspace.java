package atelier.workspace;

import atelier.data.AtomicFiles;
import atelier.data.Dataset;
import atelier.data.DatasetFingerprint;
import atelier.data.LabelJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The folder where Atelier keeps what users make: label journals and (later) runs. Default ~/atelier-workspace;
 * {@code ATELIER_WORKSPACE} or a command's {@code --workspace} override it.
 */
public record Workspace(Path root) {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Workspace.class);

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
     * The label journal of {@code dataset}: named after its folder and its content ({@link DatasetFingerprint}), so
     * that moving or renaming the folder keeps the edits, and two different datasets never share a journal. The
     * dataset's own folder is never written to. A journal of the older, path-keyed kind for this folder is renamed
     * to the content-keyed name the first time.
     */
    public Path journalFor(Dataset dataset) {
        Path source = dataset.source().toAbsolutePath().normalize();
        String key = DatasetFingerprint.of(dataset);
        Path byContent = journals().resolve(stem(source) + "-" + key + ".jsonl");
        Path renamed = sameContentUnderAnotherName(key);
        if (!Files.exists(byContent) && renamed != null) {
            // the folder was renamed or moved: its journal keeps the name it was first given
            return renamed;
        }
        Path byPath = pathKeyedJournal(source);
        if (!Files.exists(byContent) && Files.isRegularFile(byPath)) {
            try {
                AtomicFiles.move(byPath, byContent);
                LOG.info("label journal {} now keyed by the dataset's content: {}", byPath, byContent);
            } catch (IOException e) {
                LOG.warn("{}: cannot be renamed to {} ({}); using it where it is", byPath, byContent, e.getMessage());
                return byPath;
            }
        }
        return byContent;
    }

    /** Opens the label journal of {@code dataset} (see {@link #journalFor(Dataset)}). */
    public LabelJournal openJournal(Dataset dataset) {
        return LabelJournal.open(journalFor(dataset), dataset.source());
    }

    private Path sameContentUnderAnotherName(String key) {
        if (!Files.isDirectory(journals())) {
            return null;
        }
        try (var files = Files.newDirectoryStream(journals(), "*-" + key + ".jsonl")) {
            for (Path file : files) {
                return file;
            }
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(journals() + ": cannot be listed (" + e.getMessage() + ")", e);
        }
    }

    private static String stem(Path source) {
        Path name = source.getFileName();
        return (name == null ? "dataset" : name.toString()).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The label journal's name of the older kind, keyed by the dataset folder's absolute path. */
    public Path pathKeyedJournal(Path source) {
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
