package atelier.train;

import atelier.data.AtomicFiles;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs of a workspace: one folder each under {@code runs/}, holding run.json, best.zip, last.zip and
 * iterations.csv. A folder whose run.json cannot be read is listed as damaged and never stops the listing.
 */
public final class RunStore {
    public static final String RECORD = "run.json";
    public static final String BEST = "best.zip";
    public static final String LAST = "last.zip";
    public static final String ITERATIONS = "iterations.csv";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path root;

    public RunStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A listed run: its folder, and its record or why it could not be read. */
    public record Entry(Path folder, RunRecord record, String damage) {
        public boolean damaged() {
            return record == null;
        }
    }

    /** Makes a new, empty run folder named after the time and the run's name. */
    public Path createFolder(String name) {
        String base = LocalDateTime.now().format(STAMP) + "-" + slug(name);
        try {
            Files.createDirectories(root);
            for (int n = 1; ; n++) {
                Path folder = root.resolve(n == 1 ? base : base + "-" + n);
                try {
                    return Files.createDirectory(folder);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // another run started in the same second: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot create a run folder (" + e.getMessage() + ")", e);
        }
    }

    public static void write(Path folder, RunRecord record) {
        try {
            AtomicFiles.write(folder.resolve(RECORD), JSON.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(folder.resolve(RECORD) + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    public static RunRecord read(Path folder) {
        Path file = folder.resolve(RECORD);
        try {
            RunRecord record = JSON.readValue(file.toFile(), RunRecord.class);
            if (record.spec() == null) {
                throw new IOException("it has no spec");
            }
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": damaged run record (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /** Every run folder, newest first; damaged ones included with the reason. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::getFileName).reversed())::iterator) {
                try {
                    entries.add(new Entry(folder, read(folder), null));
                } catch (UncheckedIOException e) {
                    entries.add(new Entry(folder, null, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    /** A run named by its folder path, or by its folder name inside this store. */
    /** A run folder, a folder's name in the workspace, or a run's name (its newest run). */
    public Path resolve(String run) {
        Path direct = Path.of(run);
        if (Files.isRegularFile(direct.resolve(RECORD))) {
            return direct;
        }
        Path inside = root.resolve(run);
        if (Files.isRegularFile(inside.resolve(RECORD))) {
            return inside;
        }
        // a run's name (--name) finds its newest run: folders are "<time>-<name>", and list() is newest first
        for (Entry entry : list()) {
            if (!entry.damaged() && run.equals(entry.record().spec().name())) {
                return entry.folder();
            }
        }
        throw new IllegalArgumentException("no run '" + run + "': neither a run folder nor a run in " + root);
    }

    private static String slug(String name) {
        String slug = name == null ? "run" : name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "run" : slug;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
