package atelier.analysis.tsne;

/**
 * Ten class colours that stay apart for the common colour-vision deficiencies: seaborn's "colorblind" palette
 * (after Okabe and Ito, extended to ten). Classes beyond ten repeat them.
 */
public final class ClassColors {
    private static final int[] RGB = {
        0x0173B2, 0xDE8F05, 0x029E73, 0xD55E00, 0xCC78BC, 0xCA9161, 0xFBAFE4, 0x949494, 0xECE133, 0x56B4E9,
    };

    private ClassColors() {
    }

    public static int rgb(int classIndex) {
        return RGB[Math.floorMod(classIndex, RGB.length)];
    }

    public static String hex(int classIndex) {
        return String.format("#%06X", rgb(classIndex));
    }
}
