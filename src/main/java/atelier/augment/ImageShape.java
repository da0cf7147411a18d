package atelier.augment;

/**
 * The size of the images a pipeline works on. An image is {@code channels * height * width} floats, channel-major
 * then row-major (the layout of {@code atelier.train.TrainingData}'s feature rows).
 */
public record ImageShape(int channels, int height, int width) {
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, not " + channels + "x" + height
                    + "x" + width);
        }
    }

    public int plane() {
        return height * width;
    }

    public int pixels() {
        return channels * height * width;
    }
}
