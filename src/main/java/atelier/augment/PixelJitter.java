package atelier.augment;

import java.util.random.RandomGenerator;

/**
 * Transforms of pixel values, computed on raw pixels in [0, 1] and clamped there, as torchvision does on
 * un-normalised images: ColorJitter's brightness (multiply by a factor drawn from [max(0, 1 - b), 1 + b]) and
 * contrast (blend with the image's mean grey level by a factor drawn likewise), and v2's GaussianNoise (add
 * normal noise of standard deviation sigma, clip to [0, 1]).
 */
final class PixelJitter implements Transform {
    enum Kind { BRIGHTNESS, CONTRAST, NOISE }

    private final ImageShape shape;
    private final PixelScale scale;
    private final Kind kind;
    private final double amount;
    private final double p;

    PixelJitter(ImageShape shape, PixelScale scale, Kind kind, double amount, double p) {
        this.shape = shape;
        this.scale = scale;
        this.kind = kind;
        this.amount = amount;
        this.p = p;
    }

    @Override
    public void apply(float[] images, int offset, RandomGenerator random) {
        if (random.nextDouble() >= p) {
            return;
        }
        int n = shape.pixels();
        float mean = scale.mean();
        float std = scale.std();
        switch (kind) {
            case BRIGHTNESS -> {
                float factor = (float) Transform.uniform(random, Math.max(0, 1 - amount), 1 + amount);
                for (int i = offset; i < offset + n; i++) {
                    images[i] = (clamp((images[i] * std + mean) * factor) - mean) / std;
                }
            }
            case CONTRAST -> {
                float factor = (float) Transform.uniform(random, Math.max(0, 1 - amount), 1 + amount);
                double sum = 0;
                for (int i = offset; i < offset + n; i++) {
                    sum += clamp(images[i] * std + mean);
                }
                float grey = (float) (sum / n);
                for (int i = offset; i < offset + n; i++) {
                    float raw = clamp(images[i] * std + mean);
                    images[i] = (clamp(factor * raw + (1 - factor) * grey) - mean) / std;
                }
            }
            case NOISE -> {
                for (int i = offset; i < offset + n; i++) {
                    float raw = images[i] * std + mean + (float) (amount * random.nextGaussian());
                    images[i] = (clamp(raw) - mean) / std;
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static float clamp(float raw) {
        return raw < 0f ? 0f : Math.min(raw, 1f);
    }
}
