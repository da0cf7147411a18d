package atelier.study;

import atelier.data.AtomicFiles;
import atelier.workspace.Workspace;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The studies of a workspace, one folder each under {@code studies/<name>/}: {@code study.json} (the plan),
 * {@code state.json} (each step's state and its run's folder name), {@code analysis/} (what the study computed,
 * as JSON), {@code journals/} (the study's own label journals, so cleaning never touches the user's),
 * {@code report/} (report.html, report.pdf, figures/), and {@code lock} while a process runs it. Every file is
 * written atomically.
 */
public final class StudyStore {
    public static final String PLAN = "study.json";
    public static final String STATE = "state.json";
    private static final String LOCK = "lock";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Workspace workspace;

    public StudyStore(Workspace workspace) {
        this.workspace = workspace;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Path root() {
        return workspace.root().resolve("studies");
    }

    /** A listed study: its plan and state, or why its folder could not be read. */
    public record Entry(String name, Path folder, StudyPlan plan, StudyState state, String damage) {
    }

    static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            throw new IllegalArgumentException("study name \"" + name + "\" must be 1 to 80 letters, digits, '.', "
                    + "'_' or '-', starting with a letter or digit");
        }
    }

    public Path folder(String name) {
        checkName(name);
        return root().resolve(name);
    }

    public boolean exists(String name) {
        return Files.isRegularFile(folder(name).resolve(PLAN));
    }

    public void save(StudyPlan plan) {
        write(folder(plan.name()).resolve(PLAN), plan);
    }

    public StudyPlan plan(String name) {
        Path file = folder(name).resolve(PLAN);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no study \"" + name + "\" in " + root()
                    + " (study list shows the studies; study run fashion-sheet starts one)");
        }
        return read(file, StudyPlan.class);
    }

    public StudyState state(String name) {
        Path file = folder(name).resolve(STATE);
        return Files.isRegularFile(file) ? read(file, StudyState.class) : StudyState.fresh(plan(name));
    }

    public void save(String name, StudyState state) {
        write(folder(name).resolve(STATE), state);
    }

    public Path analysis(String name, String step) {
        return folder(name).resolve("analysis").resolve(step + ".json");
    }

    public void saveAnalysis(String name, String step, Object value) {
        write(analysis(name, step), value);
    }

    public Path journal(String name, String step) {
        return folder(name).resolve("journals").resolve(step + ".jsonl");
    }

    public Path reportFolder(String name) {
        return folder(name).resolve("report");
    }

    /** Every study, by name; damaged ones are listed with the reason and never stop the listing. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root())) {
            return entries;
        }
        try (Stream<Path> folders = Files.list(root())) {
            for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory).sorted()::iterator) {
                String name = folder.getFileName().toString();
                if (!Files.isRegularFile(folder.resolve(PLAN))) {
                    continue;
                }
                try {
                    entries.add(new Entry(name, folder, plan(name), state(name), null));
                } catch (RuntimeException e) {
                    entries.add(new Entry(name, folder, null, null, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root() + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    /**
     * Marks the study as run by this process. A lock left by a process that is gone (quit, kill -9) is taken over;
     * one held by a live process is refused, so that two processes never train the same study.
     */
    public void lock(String name) {
        Path file = folder(name).resolve(LOCK);
        long self = ProcessHandle.current().pid();
        if (Files.isRegularFile(file)) {
            try {
                long holder = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
                if (holder != self && ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IllegalStateException("study " + name + " is being run by process " + holder
                            + "; wait for it or stop it first");
                }
            } catch (IOException | NumberFormatException e) {
                // unreadable lock: nobody can be shown to hold it
            }
        }
        AtomicFiles.write(file, Long.toString(self).getBytes(StandardCharsets.UTF_8));
    }

    public void unlock(String name) {
        try {
            Files.deleteIfExists(folder(name).resolve(LOCK));
        } catch (IOException e) {
            // a stale lock is taken over by the next run
        }
    }

    static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new UncheckedIOException(file + ": damaged (" + message + ")", e);
        }
    }
}
