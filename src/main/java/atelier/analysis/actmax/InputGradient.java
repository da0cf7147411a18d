package atelier.analysis.actmax;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What gradient ascent needs of a network: the value of a unit of one layer for each image, its gradient with
 * respect to the image, and the class probabilities. Inputs are network inputs, [n, channels, height, width],
 * normalized as in training; image i is scored by unit {@code units[i]}, so that one batch can hold every class.
 * Implementations run in inference mode (no dropout, running batch-norm statistics). Kept this small so that a
 * faster engine probe can take the place of {@link Dl4jInputGradient}.
 */
public interface InputGradient {

    /** The layer whose units are maximized. */
    ProbedLayer layer();

    /** [channels, height, width] of one input. */
    long[] inputShape();

    int classes();

    /** d unit_i / d input_i for every image i: [n, channels, height, width]. */
    INDArray gradient(INDArray inputs, int[] units);

    /** unit_i of image i, and every class's probability for each image. */
    Scores scores(INDArray inputs, int[] units);

    /**
     * @param values        unit_i of image i
     * @param probabilities [image][class]
     */
    record Scores(float[] values, float[][] probabilities) {
    }
}
