package atelier.analysis.tsne;

/**
 * A finished map.
 *
 * @param map                 [point * 2 + axis]
 * @param neighbors           the k nearest neighbours in feature space that P was built from
 * @param klDivergence        KL(P ‖ Q) of the final map
 * @param neighborsSeconds    the exact kNN search
 * @param affinitiesSeconds   perplexity calibration and symmetrization
 * @param optimizationSeconds initialisation and gradient descent
 * @param exactRepulsion      whether repulsion was exact (else interpolated)
 * @param lastBoxes           interpolation boxes a side at the last step (0 when exact)
 */
public record TsneResult(int n, float[] map, Neighbors neighbors, double klDivergence, double neighborsSeconds,
                         double affinitiesSeconds, double optimizationSeconds, boolean exactRepulsion,
                         int lastBoxes) {
    public float x(int point) {
        return map[2 * point];
    }

    public float y(int point) {
        return map[2 * point + 1];
    }
}
