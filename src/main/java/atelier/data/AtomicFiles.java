package atelier.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes that either happen whole or not at all: write beside the target under a temporary name, force it to disk,
 * rename, then force the folder, so that after a power cut the target is the old content or the new, never empty.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) {
        Path temp = temporarySibling(target);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(temp, content);
            force(temp);
            move(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException(target + ": could not be written (" + e.getMessage() + ")", e);
        }
    }

    /** A not-yet-existing path in the same folder as {@code target}, so that a rename onto it is atomic. */
    public static Path temporarySibling(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
    }

    /**
     * Renames a finished temporary file onto its target: the file's content reaches the disk before the rename
     * and the rename (the folder entry) after it.
     */
    public static void move(Path source, Path target) throws IOException {
        force(source);
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceFolder(target.toAbsolutePath().getParent());
    }

    /** Forces a file's content (or a folder's entries) to the disk. */
    public static void force(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            forceFolder(file);
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Forces a folder's entries (a rename, a new file) to the disk. Linux allows it; systems that cannot open a
     * folder for syncing (Windows) make their renames durable by themselves, so failing to open it is not an error.
     */
    public static void forceFolder(Path folder) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems refuse fsync on a folder (EINVAL); the rename itself has happened
            if (!String.valueOf(e.getMessage()).contains("Invalid argument")) {
                throw e;
            }
        }
    }

    /** Deletes a file or a whole folder tree we created; errors are ignored because this only cleans up. */
    public static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort: a leftover temporary folder is harmless and named as such
        }
    }
}
