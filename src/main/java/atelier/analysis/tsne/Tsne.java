package atelier.analysis.tsne;

import atelier.task.Progress;
import java.util.Random;

/**
 * t-SNE of n feature vectors, in openTSNE's steps: neighbours → calibrated affinities → symmetric P → PCA start →
 * exaggerated then plain gradient descent. Progress goes to {@link Progress} once per step (cancel stops at the next
 * step, through the thread's interrupt flag), the map to a {@link MapListener} every few steps.
 */
public final class Tsne {
    /** Interpolation boxes a side at most: beyond it the FFT grid would cost more than the rest of a step. */
    static final int MAX_BOXES = 150;
    /**
     * Box width in map units, as FIt-SNE and openTSNE choose it. Half as wide boxes cut the force error about
     * eightfold (see the tests) for four times the grid.
     */
    static final double UNITS_PER_BOX = 1.0;
    private static final int MAP_EVERY = 5;

    private Tsne() {
    }

    /** @param features n × dims, row-major */
    public static TsneResult run(float[] features, int n, int dims, TsneParameters parameters, Progress progress,
                                 MapListener listener) {
        if (n < 4) {
            throw new IllegalArgumentException("a t-SNE map needs at least 4 points, got " + n);
        }
        if (features.length != (long) n * dims) {
            throw new IllegalArgumentException("expected " + n + " × " + dims + " values, got " + features.length);
        }
        try (ParallelWork work = new ParallelWork(parameters.threads())) {
            long started = System.nanoTime();
            int k = parameters.neighbours(n);
            Neighbors neighbors = ExactNeighbors.find(features, n, dims, k, work, progress);
            long searched = System.nanoTime();
            // With fewer points than 3·perplexity neighbours, the perplexity that fits is a third of them.
            double perplexity = Math.min(parameters.perplexity(), k / 3.0 > 1 ? k / 3.0 : k);
            double[] conditional = PerplexityCalibration.conditional(neighbors, perplexity, work);
            SparseAffinities p = SparseAffinities.symmetrize(neighbors, conditional);
            conditional = null;
            long calibrated = System.nanoTime();
            Progress.checkCancelled();
            double[] y = parameters.initialization() == TsneParameters.Initialization.PCA
                    ? PcaInitialization.embed(features, n, dims) : randomStart(n, parameters.seed());
            boolean exact = parameters.exactFor(n);
            RepulsiveForces repulsion = exact ? new ExactRepulsion(work)
                    : new InterpolatedRepulsion(work, MAX_BOXES, UNITS_PER_BOX);
            TsneObjective objective = new TsneObjective(p, repulsion, work);
            GradientDescent.optimize(objective, y, parameters, progress, listener, MAP_EVERY);
            double kl = objective.klDivergence(y);
            long optimized = System.nanoTime();
            int boxes = repulsion instanceof InterpolatedRepulsion interpolated ? interpolated.lastBoxes() : 0;
            return new TsneResult(n, GradientDescent.toFloats(y), neighbors, kl, seconds(started, searched),
                    seconds(searched, calibrated), seconds(calibrated, optimized), exact, boxes);
        }
    }

    /** A Gaussian start of standard deviation 1e-4, for comparing with the PCA start. */
    static double[] randomStart(int n, long seed) {
        Random random = new Random(seed);
        double[] y = new double[2 * n];
        for (int e = 0; e < y.length; e++) {
            y[e] = random.nextGaussian() * PcaInitialization.TARGET_STD;
        }
        return y;
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
