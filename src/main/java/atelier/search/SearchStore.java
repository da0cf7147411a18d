package atelier.search;

import atelier.data.AtomicFiles;
import atelier.workspace.Workspace;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The searches of a workspace: {@code searches/<name>/} holds {@code state.json} (settings, trials, results) and
 * {@code split.json} (the validation images), both written atomically: a reader sees the old file or the new one,
 * never half of one, even after kill -9. The trials' runs live with every other run under {@code runs/}.
 */
public final class SearchStore {
    public static final String STATE = "state.json";
    public static final String SPLIT = "split.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper COMPACT = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;

    public SearchStore(Path root) {
        this.root = root;
    }

    public static SearchStore of(Workspace workspace) {
        return new SearchStore(workspace.root().resolve("searches"));
    }

    public Path root() {
        return root;
    }

    public Path folder(String name) {
        checkName(name);
        return root.resolve(name);
    }

    public boolean exists(String name) {
        return Files.isRegularFile(folder(name).resolve(STATE));
    }

    public void save(SearchState state) {
        write(folder(state.name()).resolve(STATE), state, JSON);
    }

    public SearchState load(String name) {
        Path file = folder(name).resolve(STATE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no search '" + name + "' in " + root);
        }
        try {
            return JSON.readValue(file.toFile(), SearchState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": damaged search state (" + e.getMessage().lines().findFirst()
                    .orElse("unreadable") + ")", e);
        }
    }

    /**
     * Holds the search's lock file while it runs, so that a second window or command cannot run the same search at
     * the same time (both would train the same trials and overwrite each other's state). The operating system
     * releases the lock when the process ends, however it ends.
     */
    public AutoCloseable lock(String name) {
        Path file = folder(name).resolve(".lock");
        try {
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("search " + name + " is running elsewhere (another window or "
                        + "command); stop it there first");
            }
            java.nio.channels.FileLock held = lock;
            return () -> {
                held.release();
                channel.close();
            };
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be locked (" + e.getMessage() + ")", e);
        }
    }

    /** Whether another window or command holds the search's lock, that is, runs it now. */
    public boolean runningElsewhere(String name) {
        try (AutoCloseable free = lock(name)) {
            return false;
        } catch (IllegalStateException held) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public void saveSplit(String name, ValidationSplit split) {
        write(folder(name).resolve(SPLIT), split, COMPACT);
    }

    public ValidationSplit loadSplit(String name) {
        Path file = folder(name).resolve(SPLIT);
        try {
            return COMPACT.readValue(file.toFile(), ValidationSplit.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": damaged validation split (" + e.getMessage().lines()
                    .findFirst().orElse("unreadable") + ")", e);
        }
    }

    /** The names of the searches, newest first; a folder without a state file is left out. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (Stream<Path> folders = Files.list(root)) {
            folders.filter(f -> Files.isRegularFile(f.resolve(STATE)))
                    .sorted((a, b) -> Long.compare(modified(b), modified(a)))
                    .forEach(f -> names.add(f.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        return names;
    }

    /** A search name is a folder name: letters, digits, dot, dash and underscore. */
    public static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            throw new IllegalArgumentException("search name '" + name + "': use letters, digits, '.', '-' and '_' "
                    + "(up to 80, starting with a letter or digit)");
        }
    }

    private static long modified(Path folder) {
        try {
            return Files.getLastModifiedTime(folder.resolve(STATE)).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void write(Path file, Object value, ObjectMapper mapper) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, mapper.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }
}
