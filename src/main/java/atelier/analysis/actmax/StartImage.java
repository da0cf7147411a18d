package atelier.analysis.actmax;

import java.util.Locale;

/** Where the ascent starts. */
public enum StartImage {
    /** Every pixel black: exercise sheet 1's "empty image" (Fashion-MNIST's background is black). */
    ZEROS,
    /** The mean training image (of all classes). */
    MEAN,
    /** Every pixel mid-grey (0.5). */
    GRAY,
    /** Mid-grey with Gaussian noise (σ 0.1 in pixel units), drawn from the seed. */
    NOISE,
    /** An image the user chose. */
    IMAGE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StartImage parse(String text) {
        for (StartImage start : values()) {
            if (start.key().equalsIgnoreCase(text.trim()) || (start == GRAY && "grey".equalsIgnoreCase(text.trim()))) {
                return start;
            }
        }
        throw new IllegalArgumentException("unknown start image '" + text + "' (zeros, mean, gray, noise or image)");
    }
}
