package atelier.analysis.actmax;

/**
 * How pixels (0 to 1, black to white) map to network inputs: x = (p − mean) / std, as {@code TrainingData}
 * normalizes with the training set's statistics. Gives the range real images have after normalization (what the
 * ascent clips to) and the 8-bit quantization that a PNG applies.
 */
public record PixelScale(float mean, float std) {

    public PixelScale {
        if (!(std > 0) || !Float.isFinite(mean)) {
            throw new IllegalArgumentException("pixel statistics must be finite with std > 0, got mean " + mean
                    + ", std " + std);
        }
    }

    /** The input value of a black pixel: an empty image. */
    public float low() {
        return -mean / std;
    }

    /** The input value of a white pixel. */
    public float high() {
        return (1 - mean) / std;
    }

    public float input(double pixel) {
        return (float) ((pixel - mean) / std);
    }

    public double pixel(float input) {
        return input * std + mean;
    }

    /** The 8-bit grey level an input value is written as (clamped to 0..255). */
    public int grey(float input) {
        long level = Math.round(pixel(input) * 255.0);
        return (int) Math.max(0, Math.min(255, level));
    }

    /** What the network sees when the image is written as 8-bit PNG and read back. */
    public float quantized(float input) {
        return input(grey(input) / 255.0);
    }
}
