package atelier.engine;

/**
 * The shape of one image's activation, channels last (the engine's NHWC layout). A feature vector is 1×1×C, so
 * that a flattened image and a vector have the same element order: (row, column, channel).
 */
record Dims(int height, int width, int channels) {

    static Dims vector(int features) {
        return new Dims(1, 1, features);
    }

    long size() {
        return (long) height * width * channels;
    }

    boolean isVector() {
        return height == 1 && width == 1;
    }

    /** The batch array shape: [n, h, w, c] for images, [n, c] for vectors. */
    long[] batch(int n) {
        return isVector() ? new long[] {n, channels} : new long[] {n, height, width, channels};
    }

    @Override
    public String toString() {
        return isVector() ? String.valueOf(channels) : height + "x" + width + "x" + channels;
    }
}
