package atelier.augment;

/**
 * How the images were normalised: a raw pixel {@code v} in [0, 1] (byte / 255) is stored as
 * {@code (v - mean) / std}, as {@code atelier.train.TrainingData} does with the training set's statistics. The
 * transforms need it because some of torchvision's parameters are stated for raw pixels: "background" is raw 0
 * (black, the background of MNIST and Fashion-MNIST), which after normalisation is {@code -mean / std}, not 0;
 * brightness and contrast scale raw values and clamp them to [0, 1]; Gaussian noise's sigma is in raw units.
 */
public record PixelScale(float mean, float std) {
    /** No normalisation: stored values are raw pixels. */
    public static final PixelScale RAW = new PixelScale(0f, 1f);

    public PixelScale {
        if (!(std > 0) || !Float.isFinite(mean)) {
            throw new IllegalArgumentException("pixel scale needs a finite mean and a positive std, not " + mean
                    + ", " + std);
        }
    }

    /** The stored value of a black pixel (raw 0). */
    public float background() {
        return normalised(0f);
    }

    public float normalised(float raw) {
        return (raw - mean) / std;
    }

    public float raw(float normalised) {
        return normalised * std + mean;
    }

    /** The stored value of a white pixel (raw 1): with {@link #background()}, the range valid images span. */
    public float white() {
        return normalised(1f);
    }
}
