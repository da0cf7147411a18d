package atelier.augment;

import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomCrop(size, padding)} with the crop as large as the image: pads every side by
 * {@code padding} pixels (filled as {@link Border} says), then cuts an image of the original size at a random
 * offset, so the content shifts by -padding..padding pixels in each direction, both offsets drawn uniformly.
 */
final class RandomCrop implements Transform {
    private final ImageShape shape;
    private final int padding;
    private final Border border;
    private final float fill;
    private final double p;
    private final float[] copy;

    RandomCrop(ImageShape shape, PixelScale scale, int padding, Border border, double p) {
        this.shape = shape;
        this.padding = padding;
        this.border = border;
        this.fill = border.fill(scale);
        this.p = p;
        this.copy = new float[shape.pixels()];
    }

    @Override
    public void apply(float[] images, int offset, RandomGenerator random) {
        if (random.nextDouble() >= p) {
            return;
        }
        // top-left corner of the crop in the padded image, as torchvision's get_params: randint(0, 2 * padding + 1)
        int top = random.nextInt(2 * padding + 1);
        int left = random.nextInt(2 * padding + 1);
        crop(images, offset, top - padding, left - padding);
    }

    /** Output pixel (row, column) reads input pixel (row + dy, column + dx). */
    void crop(float[] images, int offset, int dy, int dx) {
        int h = shape.height();
        int w = shape.width();
        System.arraycopy(images, offset, copy, 0, copy.length);
        for (int c = 0; c < shape.channels(); c++) {
            int plane = c * shape.plane();
            for (int row = 0; row < h; row++) {
                int sourceRow = border.index(row + dy, h);
                for (int column = 0; column < w; column++) {
                    int sourceColumn = border.index(column + dx, w);
                    images[offset + plane + row * w + column] = sourceRow < 0 || sourceColumn < 0 ? fill
                            : copy[plane + sourceRow * w + sourceColumn];
                }
            }
        }
    }
}
