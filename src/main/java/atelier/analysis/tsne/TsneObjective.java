package atelier.analysis.tsne;

/**
 * The t-SNE objective KL(P ‖ Q) and its gradient, written without the constant factor 4 as openTSNE does (the
 * learning rate absorbs it): g_i = α Σ_j p_ij w_ij (y_i − y_j) − Σ_j w_ij² (y_i − y_j) / Z, with w the Cauchy
 * kernel, Z = Σ_{k≠l} w_kl and α the exaggeration. The true derivative of KL is 4 g (at α = 1).
 */
final class TsneObjective {
    private final SparseAffinities p;
    private final RepulsiveForces repulsion;
    private final ParallelWork work;
    private final double[] attraction;
    private final double[] repulsive;
    private double lastZ;

    TsneObjective(SparseAffinities p, RepulsiveForces repulsion, ParallelWork work) {
        this.p = p;
        this.repulsion = repulsion;
        this.work = work;
        this.attraction = new double[2 * p.n()];
        this.repulsive = new double[2 * p.n()];
    }

    /** Writes g into {@code gradient}. */
    void gradient(double[] y, double exaggeration, double[] gradient) {
        double z = repulsion.compute(y, repulsive);
        lastZ = z;
        AttractiveForces.compute(p, y, attraction, work);
        double inverseZ = 1 / z;
        work.forRanges(gradient.length, (chunk, from, to) -> {
            for (int e = from; e < to; e++) {
                gradient[e] = exaggeration * attraction[e] - repulsive[e] * inverseZ;
            }
        });
    }

    /** KL(P ‖ Q) at {@code y}, using Z from the last gradient at the same y. */
    double klDivergenceAfterGradient(double[] y) {
        return AttractiveForces.crossTerm(p, y, work) + Math.log(lastZ);
    }

    /** KL(P ‖ Q) at {@code y}, computing Z afresh. */
    double klDivergence(double[] y) {
        double z = repulsion.compute(y, repulsive);
        return AttractiveForces.crossTerm(p, y, work) + Math.log(z);
    }
}
