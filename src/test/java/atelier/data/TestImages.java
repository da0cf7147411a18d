package atelier.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Builders for small datasets on disk that tests write themselves. */
final class TestImages {
    private TestImages() {
    }

    static byte[] idxImages(int count, int height, int width) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + count * height * width);
        buffer.putInt(0x00000803).putInt(count).putInt(height).putInt(width);
        for (int i = 0; i < count * height * width; i++) {
            buffer.put((byte) (i * 7 % 256));
        }
        return buffer.array();
    }

    static byte[] idxLabels(int... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length);
        buffer.putInt(0x00000801).putInt(labels.length);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return buffer.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    /** Writes an IDX dataset of n train and m test 4×4 images with labels i % classes. */
    static Path idxFolder(Path folder, int train, int test, int classes, boolean gzipped) throws IOException {
        Files.createDirectories(folder);
        write(folder, "train-images-idx3-ubyte", idxImages(train, 4, 4), gzipped);
        write(folder, "train-labels-idx1-ubyte", idxLabels(labels(train, classes)), gzipped);
        write(folder, "t10k-images-idx3-ubyte", idxImages(test, 4, 4), gzipped);
        write(folder, "t10k-labels-idx1-ubyte", idxLabels(labels(test, classes)), gzipped);
        return folder;
    }

    static int[] labels(int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    private static void write(Path folder, String name, byte[] raw, boolean gzipped) throws IOException {
        if (gzipped) {
            Files.write(folder.resolve(name + ".gz"), gzip(raw));
        } else {
            Files.write(folder.resolve(name), raw);
        }
    }

    static void png(Path file, int width, int height, int gray) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, gray);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    static void jpeg(Path file, int width, int height, int rgb) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(image, "jpg", file.toFile());
    }

    static ImageSet imageSet(int count, int classes) {
        byte[] pixels = new byte[count * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 251);
        }
        return new ImageSet(4, 4, pixels, labels(count, classes), null);
    }

    static Dataset dataset(int train, int test, int classes) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return new Dataset("synthetic", Path.of("synthetic"), names, imageSet(train, classes),
                imageSet(test, classes), java.util.List.of());
    }
}
