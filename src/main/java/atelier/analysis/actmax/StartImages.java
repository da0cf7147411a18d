package atelier.analysis.actmax;

import java.util.Random;

/** The images an ascent starts from, as network inputs. */
public final class StartImages {
    private static final double NOISE_SIGMA = 0.1;

    private StartImages() {
    }

    /**
     * @param meanPixels   the mean training image in pixel units (0 to 1), for {@link StartImage#MEAN}
     * @param chosenPixels the user's image in pixel units, for {@link StartImage#IMAGE}
     */
    public static float[][] make(StartImage start, int[] units, int values, PixelScale scale, float[] meanPixels,
                                 float[] chosenPixels, long seed) {
        float[][] images = new float[units.length][values];
        for (int i = 0; i < units.length; i++) {
            Random random = new Random(Ascent.streamSeed(seed, units[i]) ^ 0x5DEECE66DL);
            for (int p = 0; p < values; p++) {
                double pixel = switch (start) {
                    case ZEROS -> 0;
                    case GRAY -> 0.5;
                    case NOISE -> Math.max(0, Math.min(1, 0.5 + NOISE_SIGMA * random.nextGaussian()));
                    case MEAN -> pixelOf(meanPixels, p, values, "the mean image");
                    case IMAGE -> pixelOf(chosenPixels, p, values, "the chosen image");
                };
                images[i][p] = scale.input(pixel);
            }
        }
        return images;
    }

    private static double pixelOf(float[] pixels, int p, int values, String what) {
        if (pixels == null || pixels.length != values) {
            throw new IllegalArgumentException(what + " is needed with " + values + " pixels"
                    + (pixels == null ? "" : ", it has " + pixels.length));
        }
        return pixels[p];
    }
}
