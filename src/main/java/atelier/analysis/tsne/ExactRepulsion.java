package atelier.analysis.tsne;

/** The repulsive forces summed over all pairs, O(n²): exact, and fast enough for a few thousand points. */
final class ExactRepulsion implements RepulsiveForces {
    private final ParallelWork work;

    ExactRepulsion(ParallelWork work) {
        this.work = work;
    }

    @Override
    public double compute(double[] y, double[] out) {
        int n = y.length / 2;
        double[] partial = new double[ParallelWork.chunkCount(n)];
        work.forRanges(n, (chunk, from, to) -> {
            double z = 0;
            for (int i = from; i < to; i++) {
                double yi0 = y[2 * i];
                double yi1 = y[2 * i + 1];
                double f0 = 0;
                double f1 = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double d0 = yi0 - y[2 * j];
                    double d1 = yi1 - y[2 * j + 1];
                    double w = 1 / (1 + d0 * d0 + d1 * d1);
                    z += w;
                    double w2 = w * w;
                    f0 += w2 * d0;
                    f1 += w2 * d1;
                }
                out[2 * i] = f0;
                out[2 * i + 1] = f1;
            }
            partial[chunk] = z;
        });
        double z = 0;
        for (double value : partial) {
            z += value;
        }
        return z;
    }
}
