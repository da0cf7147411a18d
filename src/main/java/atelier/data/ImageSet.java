package atelier.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The images of one split: n grayscale images of height × width, one byte per pixel (0 = black), row-major and
 * packed in one array so that 60,000 MNIST images cost 47 MB and no per-image objects.
 */
public final class ImageSet {
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final int[] labels;
    private final List<Path> files;

    /** @param files the source file of each image, or null for datasets that come from IDX files */
    public ImageSet(int height, int width, byte[] pixels, int[] labels, List<Path> files) {
        if ((long) height * width * labels.length != pixels.length) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " bytes, expected "
                    + labels.length + " images of " + height + "x" + width);
        }
        if (files != null && files.size() != labels.length) {
            throw new IllegalArgumentException(files.size() + " files for " + labels.length + " images");
        }
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
        this.files = files == null ? null : List.copyOf(files);
    }

    /** Adds the images and their labels (not where they came from) to {@code digest}. */
    public void digestContent(java.security.MessageDigest digest) {
        digest.update(java.nio.ByteBuffer.allocate(12).putInt(height).putInt(width).putInt(labels.length).array());
        digest.update(pixels);
        java.nio.ByteBuffer labelBytes = java.nio.ByteBuffer.allocate(4 * labels.length);
        labelBytes.asIntBuffer().put(labels);
        digest.update(labelBytes.array());
    }

    public int size() {
        return labels.length;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int pixelsPerImage() {
        return height * width;
    }

    /** The label as the dataset ships it, before any edit of the label journal. */
    public int label(int index) {
        return labels[index];
    }

    public int[] labels() {
        return labels.clone();
    }

    /** Copies one image's pixels into {@code target} at {@code offset}. */
    public void copyImage(int index, byte[] target, int offset) {
        System.arraycopy(pixels, index * pixelsPerImage(), target, offset, pixelsPerImage());
    }

    public byte[] image(int index) {
        Objects.checkIndex(index, size());
        int n = pixelsPerImage();
        return Arrays.copyOfRange(pixels, index * n, (index + 1) * n);
    }

    /** Pixel value 0–255. */
    public int pixel(int index, int row, int column) {
        return pixels[index * pixelsPerImage() + row * width + column] & 0xff;
    }

    public boolean hasFiles() {
        return files != null;
    }

    /** The image's source file, or null for IDX datasets. */
    public Path file(int index) {
        return files == null ? null : files.get(index);
    }

    public int[] countPerClass(int classCount) {
        int[] counts = new int[classCount];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
