package atelier.analysis.actmax;

/**
 * The images of an ascent after some steps, scored.
 *
 * @param step          steps taken so far
 * @param units         the unit each image maximizes
 * @param images        [image][channel·height·width] network inputs (normalized)
 * @param values        each image's unit value
 * @param probabilities [image][class]
 */
public record AscentState(int step, int[] units, float[][] images, float[] values, float[][] probabilities) {

    public int size() {
        return units.length;
    }

    /** The probability of the class image i is for (meaningful when the maximized layer is the logits). */
    public float probability(int i) {
        return units[i] < probabilities[i].length ? probabilities[i][units[i]] : Float.NaN;
    }

    /** The class the network gives image i. */
    public int predicted(int i) {
        float[] p = probabilities[i];
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** The highest class probability of image i. */
    public float topProbability(int i) {
        return probabilities[i][predicted(i)];
    }
}
