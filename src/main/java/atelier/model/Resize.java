package atelier.model;

import java.util.Locale;

/**
 * Whether images are resized on their way into the network. VGG16 needs at least 32x32, so MNIST-sized data is
 * upsampled for it; other sizes are left alone unless asked, so that an input too small for an architecture is
 * refused with a reason instead of being stretched behind the user's back.
 */
public enum Resize {
    /** The architecture's own preference: VGG16 takes 28x28 data at 32x32; everything else as it is. */
    AUTO("auto", 0),
    NONE("none", 0),
    TO_32("32", 32),
    TO_224("224", 224);

    private final String key;
    private final int side;

    Resize(String key, int side) {
        this.key = key;
        this.side = side;
    }

    public String key() {
        return key;
    }

    /** The square side images are resized to, or 0 for no fixed size. */
    public int side() {
        return side;
    }

    public static Resize parse(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        for (Resize resize : values()) {
            if (resize.key.equals(wanted)) {
                return resize;
            }
        }
        throw new IllegalArgumentException("unknown resize \"" + text + "\" (auto, none, 32 or 224)");
    }
}
