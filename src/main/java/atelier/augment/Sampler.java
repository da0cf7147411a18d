package atelier.augment;

/**
 * Reads one channel plane at a real-valued position, by nearest neighbour (torchvision's default for rotation
 * and affine) or bilinear interpolation (Simard et al.'s choice for elastic distortion), with a {@link Border}
 * for positions outside the plane.
 */
final class Sampler {
    private final int height;
    private final int width;
    private final Border border;
    private final float fill;
    private final boolean bilinear;

    Sampler(ImageShape shape, Border border, PixelScale scale, boolean bilinear) {
        this.height = shape.height();
        this.width = shape.width();
        this.border = border;
        this.fill = border.fill(scale);
        this.bilinear = bilinear;
    }

    /** The value of the plane starting at {@code offset} of {@code source} at column x, row y. */
    float sample(float[] source, int offset, double x, double y) {
        if (!bilinear) {
            return at(source, offset, (int) Math.floor(y + 0.5), (int) Math.floor(x + 0.5));
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        float top = at(source, offset, y0, x0) * (1 - fx) + at(source, offset, y0, x0 + 1) * fx;
        float bottom = at(source, offset, y0 + 1, x0) * (1 - fx) + at(source, offset, y0 + 1, x0 + 1) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private float at(float[] source, int offset, int row, int column) {
        int r = border.index(row, height);
        int c = border.index(column, width);
        if (r < 0 || c < 0) {
            return fill;
        }
        return source[offset + r * width + c];
    }
}
