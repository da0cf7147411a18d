package atelier.analysis.tsne;

/**
 * The attractive half of the gradient, Σ_j p_ij q_ij (y_i − y_j) with q_ij = 1 / (1 + ‖y_i − y_j‖²) unnormalized,
 * over P's non-zeros only (its cost is n · 3·perplexity · a few).
 */
final class AttractiveForces {
    private AttractiveForces() {
    }

    /** Writes the forces into {@code out} [point * 2 + axis], overwriting it. */
    static void compute(SparseAffinities p, double[] y, double[] out, ParallelWork work) {
        int[] start = p.rowStart();
        int[] columns = p.columns();
        double[] values = p.values();
        work.forRanges(p.n(), (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                double yi0 = y[2 * i];
                double yi1 = y[2 * i + 1];
                double f0 = 0;
                double f1 = 0;
                for (int e = start[i]; e < start[i + 1]; e++) {
                    int j = columns[e];
                    double d0 = yi0 - y[2 * j];
                    double d1 = yi1 - y[2 * j + 1];
                    double pq = values[e] / (1 + d0 * d0 + d1 * d1);
                    f0 += pq * d0;
                    f1 += pq * d1;
                }
                out[2 * i] = f0;
                out[2 * i + 1] = f1;
            }
        });
    }

    /** Σ_ij p_ij log(p_ij / w_ij), w the unnormalized kernel; KL(P‖Q) is this plus log Z. */
    static double crossTerm(SparseAffinities p, double[] y, ParallelWork work) {
        int[] start = p.rowStart();
        int[] columns = p.columns();
        double[] values = p.values();
        double[] partial = new double[ParallelWork.chunkCount(p.n())];
        work.forRanges(p.n(), (chunk, from, to) -> {
            double sum = 0;
            for (int i = from; i < to; i++) {
                for (int e = start[i]; e < start[i + 1]; e++) {
                    int j = columns[e];
                    double d0 = y[2 * i] - y[2 * j];
                    double d1 = y[2 * i + 1] - y[2 * j + 1];
                    double pij = values[e];
                    if (pij > 0) {
                        sum += pij * Math.log(pij * (1 + d0 * d0 + d1 * d1));
                    }
                }
            }
            partial[chunk] = sum;
        });
        double total = 0;
        for (double value : partial) {
            total += value;
        }
        return total;
    }
}
