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

    /**
     * The run's record as it stands now: a run.json that says running or paused while no process holds the run's
     * lock is reported as {@link RunStatus#INTERRUPTED} (the file itself is left as the training process left it).
     */
    public static RunRecord readCurrent(Path folder) {
        RunRecord record = read(folder);
        if ((record.status() == RunStatus.RUNNING || record.status() == RunStatus.PAUSED)
                && !RunLock.isHeld(folder)) {
            return record.withStatus(RunStatus.INTERRUPTED, "interrupted during epoch " + (record.epochs().size() + 1)
                    + ": the process training it stopped (" + RunLock.holder(folder) + "); resume continues from "
                    + (record.epochs().isEmpty() ? "the start" : "the checkpoint of epoch " + record.epochs().size()));
        }
        return record;
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
                    entries.add(new Entry(folder, readCurrent(folder), null));
                } catch (UncheckedIOException e) {
                    entries.add(new Entry(folder, null, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        return entries;
    }

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
        List<Path> named = list().stream().filter(e -> !e.damaged() && run.equals(e.record().spec().name()))
                .map(Entry::folder).toList();
        if (named.size() > 1) {
            throw new IllegalArgumentException("'" + run + "' names " + named.size() + " runs (made before names "
                    + "were unique): name the folder instead, one of " + named.stream()
                    .map(f -> f.getFileName().toString()).toList());
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        throw new IllegalArgumentException("no run '" + run + "': neither a run folder nor a run in " + root);
    }

    /**
     * {@code wanted}, or {@code wanted-2}, {@code wanted-3}… whichever no run of this store and none of
     * {@code reserved} (queued runs) is named yet, so that a name picks out one run.
     */
    public String uniqueName(String wanted, java.util.Collection<String> reserved) {
        java.util.Set<String> taken = new java.util.HashSet<>(reserved);
        for (Entry entry : list()) {
            if (!entry.damaged() && entry.record().spec().name() != null) {
                taken.add(entry.record().spec().name());
            }
        }
        String name = wanted;
        for (int n = 2; taken.contains(name); n++) {
            name = wanted + "-" + n;
        }
        return name;
    }

    /** Gives a run a new name (which must not name another run); its folder stays where it is. */
    public RunRecord rename(Path folder, String newName) {
        String name = newName == null ? "" : newName.trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a run's name cannot be empty");
        }
        RunRecord record = read(folder);
        if (name.equals(record.spec().name())) {
            return record;
        }
        if (!uniqueName(name, List.of()).equals(name)) {
            throw new IllegalArgumentException("another run is already named '" + name + "'");
        }
        if (RunLock.isHeld(folder)) {
            throw new IllegalStateException(record.id() + " is training now: rename it when it has stopped");
        }
        RunRecord renamed = record.withSpec(record.spec().withName(name));
        write(folder, renamed);
        return renamed;
    }

    /** The workspace's trash: deleted runs wait there until the user empties it. */
    public Path trash() {
        return root.resolveSibling("trash").resolve("runs");
    }

    /** Moves a run folder to the trash (undo with {@link #restoreFromTrash}); returns where it went. */
    public Path moveToTrash(Path folder) {
        if (RunLock.isHeld(folder)) {
            throw new IllegalStateException(folder.getFileName() + " is training now: cancel it first");
        }
        try {
            Files.createDirectories(trash());
            Path target = trash().resolve(folder.getFileName());
            for (int n = 2; Files.exists(target); n++) {
                target = trash().resolve(folder.getFileName() + "-" + n);
            }
            Files.move(folder, target);
            AtomicFiles.forceFolder(root);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot be moved to the trash (" + e.getMessage() + ")", e);
        }
    }

    /** Puts a run that {@link #moveToTrash} moved back into the runs folder; returns its folder. */
    public Path restoreFromTrash(Path trashed, String originalName) {
        Path target = root.resolve(originalName);
        if (Files.exists(target)) {
            throw new IllegalStateException(target + " exists again: the run stays in " + trashed);
        }
        try {
            Files.move(trashed, target);
            AtomicFiles.forceFolder(root);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(trashed + ": cannot be restored (" + e.getMessage() + ")", e);
        }
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
