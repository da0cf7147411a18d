package atelier.augment;

/**
 * What a transform puts where it reads outside the image (padding of a crop, corners of a rotation), as
 * torchvision's {@code fill} and {@code padding_mode}. ZERO is a stored 0, which after normalisation is the mean
 * pixel (mid grey): torchvision's {@code fill=0} applied to a normalised tensor. BACKGROUND is a black pixel (raw
 * 0), what {@code fill=0} gives in the usual torchvision pipeline that crops the image before it normalises it,
 * and what MNIST's and Fashion-MNIST's borders are. EDGE repeats the nearest border pixel; REFLECT mirrors the
 * image about its border pixel without repeating it (torchvision's and NumPy's "reflect": -1 reads 1).
 */
enum Border {
    ZERO, BACKGROUND, EDGE, REFLECT;

    static final String[] NAMES = {"zero", "background", "edge", "reflect"};

    static Border of(double choice) {
        return values()[(int) choice];
    }

    boolean isConstant() {
        return this == ZERO || this == BACKGROUND;
    }

    float fill(PixelScale scale) {
        return this == BACKGROUND ? scale.background() : 0f;
    }

    /** The index inside [0, n) that position {@code i} reads for EDGE and REFLECT; -1 outside for constants. */
    int index(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (this) {
            case EDGE:
                return i < 0 ? 0 : n - 1;
            case REFLECT:
                if (n == 1) {
                    return 0;
                }
                int period = 2 * (n - 1);
                int m = Math.floorMod(i, period);
                return m < n ? m : period - m;
            default:
                return -1;
        }
    }
}
