package atelier.data;

import atelier.task.Progress;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Writes images in the mnist_png layout ({@code training/<label>/<index>.png}, {@code testing/<label>/<index>.png},
 * index = the image's position in its split) plus a classes.txt. The folder is built under a temporary name and
 * renamed into place at the end, so a cancelled or failed write leaves no half folder behind.
 */
public final class ImageFolderWriter {
    /** Returned by a label function for images that are left out. */
    public static final int SKIP = -1;

    private ImageFolderWriter() {
    }

    public static void write(Path out, List<String> classes, ImageSet train, IntUnaryOperator trainLabel,
                             ImageSet test, IntUnaryOperator testLabel, Progress progress) {
        if (Files.exists(out)) {
            throw new DatasetException(out + ": already exists; choose a new folder (nothing is overwritten)");
        }
        Path temp = AtomicFiles.temporarySibling(out);
        try {
            Files.createDirectories(temp);
            for (Split split : Split.values()) {
                for (int label = 0; label < classes.size(); label++) {
                    Files.createDirectories(temp.resolve(split.folderName()).resolve(Integer.toString(label)));
                }
            }
            Files.write(temp.resolve(ClassNames.CLASSES_FILE),
                    (String.join("\n", classes) + "\n").getBytes(StandardCharsets.UTF_8));
            long total = train.size() + test.size();
            AtomicLong done = new AtomicLong();
            writeSplit(temp.resolve(Split.TRAIN.folderName()), train, trainLabel, progress, done, total);
            writeSplit(temp.resolve(Split.TEST.folderName()), test, testLabel, progress, done, total);
            AtomicFiles.move(temp, out);
        } catch (IOException | UncheckedIOException e) {
            awaitWriters();
            AtomicFiles.deleteQuietly(temp);
            throw new DatasetException(out + ": could not be written (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            awaitWriters();
            AtomicFiles.deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * A parallel stream hands its first exception (a cancel) back while its other tasks may still be writing
     * images; wait for them, so that the temporary folder deleted stays deleted.
     */
    private static void awaitWriters() {
        java.util.concurrent.ForkJoinPool.commonPool().awaitQuiescence(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static void writeSplit(Path folder, ImageSet images, IntUnaryOperator labelOf, Progress progress,
                                   AtomicLong done, long total) {
        IntStream.range(0, images.size()).parallel().forEach(index -> {
            Progress.checkCancelled();
            int label = labelOf.applyAsInt(index);
            if (label != SKIP) {
                Path file = folder.resolve(Integer.toString(label)).resolve(index + ".png");
                writePng(file, images, index);
            }
            long n = done.incrementAndGet();
            if (n % 1000 == 0 || n == total) {
                progress.update("Writing images", n, total);
            }
        });
    }

    static void writePng(Path file, ImageSet images, int index) {
        BufferedImage image = new BufferedImage(images.width(), images.height(), BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, images.width(), images.height(), images.image(index));
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
