package atelier.augment;

import java.util.random.RandomGenerator;

/**
 * Elastic distortion after Simard, Steinkraus and Platt, "Best practices for convolutional neural networks
 * applied to visual document analysis" (ICDAR 2003): a displacement field of uniform random values in [-1, 1] for
 * each pixel and direction, smoothed by a Gaussian of standard deviation sigma (pixels) and scaled by alpha
 * (pixels), moves every pixel; the image is resampled bilinearly. Their values for MNIST, sigma 4 and alpha 34,
 * are the defaults. (torchvision's ElasticTransform does the same with alpha in half-image units.) The Gaussian is
 * applied as two 1-D passes truncated at 4 sigma (as SciPy's gaussian_filter), with borders mirrored about the edge pixel.
 */
final class ElasticDistortion implements Transform {
    private final ImageShape shape;
    private final double alpha;
    private final double p;
    private final Sampler sampler;
    private final float[] kernel;
    private final float[] dx;
    private final float[] dy;
    private final float[] pass;
    private final float[] copy;

    ElasticDistortion(ImageShape shape, PixelScale scale, double alpha, double sigma, Border border, double p) {
        this.shape = shape;
        this.alpha = alpha;
        this.p = p;
        this.sampler = new Sampler(shape, border, scale, true);
        this.kernel = gaussian(sigma);
        this.dx = new float[shape.plane()];
        this.dy = new float[shape.plane()];
        this.pass = new float[shape.plane()];
        this.copy = new float[shape.pixels()];
    }

    @Override
    public void apply(float[] images, int offset, RandomGenerator random) {
        if (random.nextDouble() >= p) {
            return;
        }
        field(dx, random);
        field(dy, random);
        int w = shape.width();
        System.arraycopy(images, offset, copy, 0, copy.length);
        for (int c = 0; c < shape.channels(); c++) {
            int plane = c * shape.plane();
            for (int row = 0; row < shape.height(); row++) {
                for (int column = 0; column < w; column++) {
                    int i = row * w + column;
                    images[offset + plane + i] = sampler.sample(copy, plane, column + dx[i], row + dy[i]);
                }
            }
        }
    }

    private void field(float[] target, RandomGenerator random) {
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) (2 * random.nextDouble() - 1);
        }
        int h = shape.height();
        int w = shape.width();
        int radius = kernel.length / 2;
        for (int row = 0; row < h; row++) {
            for (int column = 0; column < w; column++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * target[row * w + Border.REFLECT.index(column + k, w)];
                }
                pass[row * w + column] = sum;
            }
        }
        for (int row = 0; row < h; row++) {
            for (int column = 0; column < w; column++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * pass[Border.REFLECT.index(row + k, h) * w + column];
                }
                target[row * w + column] = (float) (alpha * sum);
            }
        }
    }

    private static float[] gaussian(double sigma) {
        if (sigma <= 0) {
            return new float[] {1f};
        }
        int radius = (int) Math.ceil(4 * sigma);
        float[] weights = new float[2 * radius + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++) {
            total += weights[k + radius] = (float) Math.exp(-k * k / (2 * sigma * sigma));
        }
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (float) (weights[k] / total);
        }
        return weights;
    }
}
