package atelier.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Held by the process that trains a run, for as long as it trains: an operating-system lock on {@code run.lock}
 * in the run folder. The system drops the lock when the process ends, however it ends (kill -9, a crash, power),
 * so a run.json that says "running" while nobody holds the lock belongs to a run that was interrupted.
 *
 * <p>Within one JVM, closing any channel on a locked file may release the JVM's lock on it (POSIX semantics), so
 * the folders this JVM holds are also kept in a set and checked first, without opening the file. The JVM refuses
 * a second lock on a file it has locked already, so probes and acquisitions in one JVM take turns: two threads that
 * listed the runs at once took each other's probe for a training process and listed an interrupted run as
 * running.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "run.lock";
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
    private static final Object LOCKING = new Object();

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the run's lock; throws when another process (or this one) trains the run now. */
    public static RunLock acquire(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        if (!HELD_HERE.add(key)) {
            throw new IllegalStateException(folder + ": this run is being trained already");
        }
        try {
            FileChannel channel = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                synchronized (LOCKING) {
                    lock = channel.tryLock();
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException(folder + ": another process is training this run ("
                        + holder(key) + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now()
                    + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new RunLock(key, channel, lock);
        } catch (IOException e) {
            HELD_HERE.remove(key);
            throw new UncheckedIOException(folder.resolve(FILE) + ": cannot be locked (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            HELD_HERE.remove(key);
            throw e;
        }
    }

    /** True while some process (this one included) trains the run in {@code folder}. */
    public static boolean isHeld(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        if (HELD_HERE.contains(key)) {
            return true;
        }
        Path file = key.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        synchronized (LOCKING) {
            return probedAsHeld(file);
        }
    }

    private static boolean probedAsHeld(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            // a lock file we cannot open: assume the run is alive rather than offer to resume it twice
            return true;
        }
    }

    /** What the lock file says about its holder (pid and start time), for messages. */
    public static String holder(Path folder) {
        try {
            return Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown process";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel, and the channel with the process at the latest
        } finally {
            HELD_HERE.remove(folder);
        }
    }
}
