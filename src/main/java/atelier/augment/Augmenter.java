package atelier.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A pipeline compiled for one image shape and pixel scale. Not thread-safe (the transforms keep scratch buffers):
 * each thread that augments makes its own from {@link AugmentationPipeline#augmenter}.
 */
public final class Augmenter {
    private final List<Transform> transforms;
    private final ImageShape shape;

    Augmenter(List<Transform> transforms, ImageShape shape) {
        this.transforms = transforms;
        this.shape = shape;
    }

    public ImageShape shape() {
        return shape;
    }

    /** Transforms one image in place (at {@code offset} of {@code images}), every step in order. */
    public void augment(float[] images, int offset, RandomGenerator random) {
        for (Transform transform : transforms) {
            transform.apply(images, offset, random);
        }
    }

    /** Transforms the first {@code count} images of a batch (laid out one after another) in place. */
    public void augmentBatch(float[] images, int count, RandomGenerator random) {
        int pixels = shape.pixels();
        if ((long) count * pixels > images.length) {
            throw new IllegalArgumentException(count + " images of " + pixels + " values do not fit in "
                    + images.length);
        }
        for (int i = 0; i < count; i++) {
            augment(images, i * pixels, random);
        }
    }
}
