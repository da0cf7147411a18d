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
