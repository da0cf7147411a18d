package atelier.analysis.tsne;

/**
 * The repulsive half of the gradient: for every point Σ_j w_ij² (y_i − y_j) and the normalization
 * Z = Σ_{i≠j} w_ij, with w_ij = 1 / (1 + ‖y_i − y_j‖²). The gradient divides the first by the second.
 */
interface RepulsiveForces {
    /** Writes the unnormalized forces into {@code out} [point * 2 + axis] and returns Z. */
    double compute(double[] y, double[] out);
}
