package atelier.analysis.actmax;

/**
 * The image operations of the ascent on one grey plane ([height·width] floats, row-major): total variation and its
 * gradient, an affine warp (shift, rotation, scale), a Gaussian blur, clipping. Written here because the images are
 * 28×28 arrays that one step touches a few dozen times: DataVec's transforms convert each image to an OpenCV Mat
 * per call, and ND4J ops cost more in dispatch than these loops take to run.
 */
final class ImageRegularizers {
    /** Smoothing of |∇x| near 0, in input units, so that total variation has a gradient everywhere. */
    private static final double TV_EPSILON = 1e-2;

    private ImageRegularizers() {
    }

    /** Σ sqrt(dx² + dy² + ε²) over the pixels, forward differences, nothing across the border. */
    static double totalVariation(float[] plane, int height, int width) {
        double sum = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double dx = x + 1 < width ? plane[i + 1] - plane[i] : 0;
                double dy = y + 1 < height ? plane[i + width] - plane[i] : 0;
                sum += Math.sqrt(dx * dx + dy * dy + TV_EPSILON * TV_EPSILON);
            }
        }
        return sum;
    }

    /** Adds −weight · d(total variation)/d(plane) to {@code ascent}: the direction that makes the image smoother. */
    static void addTotalVariationDescent(float[] plane, int height, int width, double weight, float[] ascent) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double dx = x + 1 < width ? plane[i + 1] - plane[i] : 0;
                double dy = y + 1 < height ? plane[i + width] - plane[i] : 0;
                double norm = Math.sqrt(dx * dx + dy * dy + TV_EPSILON * TV_EPSILON);
                double gx = dx / norm;
                double gy = dy / norm;
                // the term of pixel i depends on x_i (−gx − gy), on its right neighbour (+gx) and the one below (+gy)
                ascent[i] += (float) (weight * (gx + gy));
                if (x + 1 < width) {
                    ascent[i + 1] -= (float) (weight * gx);
                }
                if (y + 1 < height) {
                    ascent[i + width] -= (float) (weight * gy);
                }
            }
        }
    }

    /**
     * The plane moved by (shiftX, shiftY) pixels, turned by {@code angle} radians and scaled by {@code scale} about
     * its centre, sampled bilinearly; what comes from outside the plane is {@code fill}.
     */
    static float[] warp(float[] plane, int height, int width, double angle, double scale, double shiftX,
                        double shiftY, float fill) {
        float[] out = new float[plane.length];
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // where output (x, y) comes from: the inverse of shift ∘ rotate ∘ scale
                double ux = x - cx - shiftX;
                double uy = y - cy - shiftY;
                double sx = cos * ux + sin * uy + cx;
                double sy = -sin * ux + cos * uy + cy;
                out[y * width + x] = sample(plane, height, width, sx, sy, fill);
            }
        }
        return out;
    }

    private static float sample(float[] plane, int height, int width, double x, double y, float fill) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double top = (1 - fx) * at(plane, height, width, x0, y0, fill) + fx * at(plane, height, width, x0 + 1, y0, fill);
        double bottom = (1 - fx) * at(plane, height, width, x0, y0 + 1, fill)
                + fx * at(plane, height, width, x0 + 1, y0 + 1, fill);
        return (float) ((1 - fy) * top + fy * bottom);
    }

    private static float at(float[] plane, int height, int width, int x, int y, float fill) {
        return x < 0 || y < 0 || x >= width || y >= height ? fill : plane[y * width + x];
    }

    /** A separable Gaussian blur in place; the border repeats its edge pixels. */
    static void blur(float[] plane, int height, int width, double sigma) {
        if (sigma <= 0) {
            return;
        }
        int radius = Math.max(1, (int) Math.ceil(2 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            total += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= total;
        }
        float[] rows = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * plane[y * width + Math.min(width - 1, Math.max(0, x + k))];
                }
                rows[y * width + x] = (float) sum;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * rows[Math.min(height - 1, Math.max(0, y + k)) * width + x];
                }
                plane[y * width + x] = (float) sum;
            }
        }
    }

    static void clip(float[] values, float low, float high) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.max(low, Math.min(high, values[i]));
        }
    }
}
