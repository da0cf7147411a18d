package atelier.augment;

import java.util.random.RandomGenerator;

/**
 * One transform, compiled for an image shape and pixel scale: changes one image in place, drawing its random
 * choices from {@code random}. Every draw comes from that generator and in a fixed order, so the same generator
 * state gives the same result. An instance keeps scratch buffers: use it on one thread at a time.
 */
interface Transform {
    /** Transforms the image at {@code offset} of {@code images} (one {@link ImageShape#pixels()} long block). */
    void apply(float[] images, int offset, RandomGenerator random);

    /** A uniform draw in [low, high]; no draw is skipped when low == high, so later draws do not shift. */
    static double uniform(RandomGenerator random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
