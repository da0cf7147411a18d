package atelier.augment;

import java.util.random.RandomGenerator;

/** torchvision's RandomHorizontalFlip / RandomVerticalFlip: mirrors the image with probability p. */
final class Flip implements Transform {
    private final ImageShape shape;
    private final double p;
    private final boolean horizontal;

    Flip(ImageShape shape, double p, boolean horizontal) {
        this.shape = shape;
        this.p = p;
        this.horizontal = horizontal;
    }

    @Override
    public void apply(float[] images, int offset, RandomGenerator random) {
        if (random.nextDouble() >= p) {
            return;
        }
        int h = shape.height();
        int w = shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            int plane = offset + c * shape.plane();
            if (horizontal) {
                for (int row = 0; row < h; row++) {
                    int start = plane + row * w;
                    for (int left = start, right = start + w - 1; left < right; left++, right--) {
                        float swap = images[left];
                        images[left] = images[right];
                        images[right] = swap;
                    }
                }
            } else {
                for (int top = 0, bottom = h - 1; top < bottom; top++, bottom--) {
                    for (int column = 0; column < w; column++) {
                        int a = plane + top * w + column;
                        int b = plane + bottom * w + column;
                        float swap = images[a];
                        images[a] = images[b];
                        images[b] = swap;
                    }
                }
            }
        }
    }
}
