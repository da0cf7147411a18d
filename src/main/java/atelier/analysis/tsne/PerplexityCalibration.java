package atelier.analysis.tsne;

/**
 * Conditional affinities p(j|i) ∝ exp(−β_i ‖x_i − x_j‖²) over each point's k nearest neighbours, with β_i found by
 * bisection so that the row's entropy is log(perplexity): dense regions get narrow Gaussians, sparse ones wide.
 * As in openTSNE, the precision is doubled or halved until the target is bracketed, then bisected.
 */
public final class PerplexityCalibration {
    private static final double ENTROPY_TOLERANCE = 1e-10;
    private static final int MAX_STEPS = 200;

    private PerplexityCalibration() {
    }

    /** Row-normalized p(j|i), laid out as {@code neighbors.indices()}. */
    public static double[] conditional(Neighbors neighbors, double perplexity, ParallelWork work) {
        if (!(perplexity > 1)) {
            throw new IllegalArgumentException("perplexity must be above 1, got " + perplexity);
        }
        int n = neighbors.n();
        int k = neighbors.k();
        double target = Math.log(perplexity);
        double[] p = new double[n * k];
        work.forRanges(n, (chunk, from, to) -> {
            double[] row = new double[k];
            double[] shifted = new double[k];
            for (int i = from; i < to; i++) {
                // Distances shifted by the nearest one: the same distribution, without exp underflow.
                double nearest = neighbors.squaredDistance(i, 0);
                for (int r = 0; r < k; r++) {
                    shifted[r] = neighbors.squaredDistance(i, r) - nearest;
                }
                calibrateRow(shifted, target, row);
                System.arraycopy(row, 0, p, i * k, k);
            }
        });
        return p;
    }

    /** Fills {@code row} with the normalized Gaussian over {@code squaredDistances} of the given entropy. */
    static void calibrateRow(double[] squaredDistances, double targetEntropy, double[] row) {
        double beta = 1;
        double low = 0;
        double high = Double.POSITIVE_INFINITY;
        double scale = meanPositive(squaredDistances);
        if (scale > 0) {
            beta = 1 / scale;
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            double entropy = fill(squaredDistances, beta, row);
            double difference = entropy - targetEntropy;
            if (Math.abs(difference) <= ENTROPY_TOLERANCE) {
                return;
            }
            if (difference > 0) {
                low = beta;
                beta = Double.isInfinite(high) ? beta * 2 : (beta + high) / 2;
            } else {
                high = beta;
                beta = (beta + low) / 2;
            }
        }
        fill(squaredDistances, beta, row);
    }

    /** Writes the normalized Gaussian of precision β and returns its entropy (in nats). */
    private static double fill(double[] squaredDistances, double beta, double[] row) {
        double sum = 0;
        double weighted = 0;
        for (int r = 0; r < row.length; r++) {
            double value = Math.exp(-beta * squaredDistances[r]);
            row[r] = value;
            sum += value;
            weighted += value * squaredDistances[r];
        }
        for (int r = 0; r < row.length; r++) {
            row[r] /= sum;
        }
        return Math.log(sum) + beta * weighted / sum;
    }

    private static double meanPositive(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** The entropy (nats) of a probability row, for checking a calibration. */
    public static double entropy(double[] p, int from, int length) {
        double h = 0;
        for (int r = from; r < from + length; r++) {
            if (p[r] > 0) {
                h -= p[r] * Math.log(p[r]);
            }
        }
        return h;
    }
}
