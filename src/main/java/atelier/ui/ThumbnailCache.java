package atelier.ui;

import atelier.data.ImageSet;
import atelier.data.Split;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * JavaFX images of dataset images, made on demand and kept for the most recently shown few thousand, so that
 * scrolling back and forth through 60,000 images neither rebuilds every image nor holds them all.
 */
public final class ThumbnailCache {
    private static final int CAPACITY = 4096;

    private final Map<Long, Image> images = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Image> eldest) {
            return size() > CAPACITY;
        }
    };

    public Image get(ImageSet set, Split split, int index) {
        long key = ((long) split.ordinal() << 32) | index;
        return images.computeIfAbsent(key, k -> toImage(set, index));
    }

    public void clear() {
        images.clear();
    }

    /**
     * The image enlarged {@code scale} times by repeating pixels: an ImageView asked not to smooth still does on
     * some rendering pipelines, and a digit's pixels should stay sharp squares.
     */
    public static Image toSharpImage(ImageSet set, int index, int scale) {
        int width = set.width();
        int height = set.height();
        byte[] gray = set.image(index);
        int[] argb = new int[width * height * scale * scale];
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                int v = gray[(y / scale) * width + x / scale] & 0xff;
                argb[y * width * scale + x] = 0xff000000 | v << 16 | v << 8 | v;
            }
        }
        WritableImage image = new WritableImage(width * scale, height * scale);
        image.getPixelWriter().setPixels(0, 0, width * scale, height * scale, PixelFormat.getIntArgbInstance(), argb,
                0, width * scale);
        return image;
    }

    public static Image toImage(ImageSet set, int index) {
        int width = set.width();
        int height = set.height();
        byte[] gray = set.image(index);
        int[] argb = new int[gray.length];
        for (int i = 0; i < gray.length; i++) {
            int v = gray[i] & 0xff;
            argb[i] = 0xff000000 | v << 16 | v << 8 | v;
        }
        WritableImage image = new WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return image;
    }
}
