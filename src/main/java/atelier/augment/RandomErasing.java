package atelier.augment;

import java.util.random.RandomGenerator;

/**
 * torchvision's RandomErasing (Zhong et al. 2017): with probability p, a rectangle covering a fraction of the
 * image drawn from [scaleMin, scaleMax], with an aspect ratio (height / width) drawn log-uniformly from
 * [ratioMin, ratioMax], at a uniform position, is overwritten in every channel. As torchvision, it tries up to ten
 * draws for a rectangle that fits and leaves the image unchanged when none does. The fill is 0 (torchvision's
 * {@code value=0} on a normalised tensor), black, or per-pixel standard normal noise ({@code value='random'}).
 */
final class RandomErasing implements Transform {
    static final String[] FILLS = {"zero", "background", "random"};
    private static final int ATTEMPTS = 10;

    private final ImageShape shape;
    private final double p;
    private final double scaleMin;
    private final double scaleMax;
    private final double logRatioMin;
    private final double logRatioMax;
    private final int fill;
    private final float background;

    RandomErasing(ImageShape shape, PixelScale scale, double p, double scaleMin, double scaleMax, double ratioMin,
                  double ratioMax, int fill) {
        this.shape = shape;
        this.p = p;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.logRatioMin = Math.log(ratioMin);
        this.logRatioMax = Math.log(ratioMax);
        this.fill = fill;
        this.background = scale.background();
    }

    /** The erased rectangle: top row, left column, height and width. */
    record Box(int top, int left, int height, int width) {
    }

    @Override
    public void apply(float[] images, int offset, RandomGenerator random) {
        if (random.nextDouble() >= p) {
            return;
        }
        Box box = draw(random);
        if (box == null) {
            return;
        }
        int w = shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            int plane = offset + c * shape.plane();
            for (int row = box.top(); row < box.top() + box.height(); row++) {
                for (int column = box.left(); column < box.left() + box.width(); column++) {
                    images[plane + row * w + column] = switch (fill) {
                        case 0 -> 0f;
                        case 1 -> background;
                        default -> (float) random.nextGaussian();
                    };
                }
            }
        }
    }

    /** torchvision's get_params; null when ten draws found no rectangle smaller than the image. */
    Box draw(RandomGenerator random) {
        int h = shape.height();
        int w = shape.width();
        double area = (double) h * w;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double eraseArea = area * Transform.uniform(random, scaleMin, scaleMax);
            double aspect = Math.exp(Transform.uniform(random, logRatioMin, logRatioMax));
            int boxHeight = (int) Math.round(Math.sqrt(eraseArea * aspect));
            int boxWidth = (int) Math.round(Math.sqrt(eraseArea / aspect));
            if (!(boxHeight < h && boxWidth < w)) {
                continue;
            }
            int top = random.nextInt(h - boxHeight + 1);
            int left = random.nextInt(w - boxWidth + 1);
            return new Box(top, left, boxHeight, boxWidth);
        }
        return null;
    }
}
