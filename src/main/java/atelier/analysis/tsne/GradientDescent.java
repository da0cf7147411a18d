package atelier.analysis.tsne;

import atelier.task.Progress;

/**
 * Gradient descent with momentum and per-coordinate gains (Jacobs 1988, as in van der Maaten's and openTSNE's
 * t-SNE): a gain grows by 0.2 while the step keeps its direction and shrinks by a factor 0.8 when it reverses,
 * never below 0.01. The first phase exaggerates attraction with momentum 0.5, the second is the plain objective
 * with momentum 0.8. The map is re-centred after every step, which keeps the interpolation grid centred.
 */
final class GradientDescent {
    private static final double MIN_GAIN = 0.01;
    private static final double EARLY_MOMENTUM = 0.5;
    private static final double LATE_MOMENTUM = 0.8;

    private GradientDescent() {
    }

    /**
     * Optimizes {@code y} in place.
     *
     * @param mapEvery hand a copy of the map to {@code listener} every this many steps (and after the last)
     */
    static void optimize(TsneObjective objective, double[] y, TsneParameters parameters, Progress progress,
                         MapListener listener, int mapEvery) {
        int n = y.length / 2;
        double learningRate = parameters.learningRateFor(n);
        double[] gradient = new double[y.length];
        double[] update = new double[y.length];
        double[] gains = new double[y.length];
        java.util.Arrays.fill(gains, 1);
        int total = parameters.iterations();
        int early = Math.min(parameters.earlyIterations(), total);
        for (int step = 0; step < total; step++) {
            Progress.checkCancelled();
            boolean exaggerated = step < early;
            double exaggeration = exaggerated ? parameters.exaggeration() : 1;
            double momentum = exaggerated ? EARLY_MOMENTUM : LATE_MOMENTUM;
            objective.gradient(y, exaggeration, gradient);
            double sum0 = 0;
            double sum1 = 0;
            for (int e = 0; e < y.length; e++) {
                double g = gradient[e];
                if ((g > 0) != (update[e] > 0)) {
                    gains[e] += 0.2;
                } else {
                    gains[e] = Math.max(MIN_GAIN, gains[e] * 0.8);
                }
                update[e] = momentum * update[e] - learningRate * gains[e] * g;
                y[e] += update[e];
                if ((e & 1) == 0) {
                    sum0 += y[e];
                } else {
                    sum1 += y[e];
                }
            }
            double mean0 = sum0 / n;
            double mean1 = sum1 / n;
            for (int i = 0; i < n; i++) {
                y[2 * i] -= mean0;
                y[2 * i + 1] -= mean1;
            }
            if (!Double.isFinite(y[0]) || !Double.isFinite(y[1])) {
                throw new IllegalStateException("the map diverged at step " + (step + 1)
                        + "; try a smaller learning rate");
            }
            int done = step + 1;
            progress.update(exaggerated ? "optimizing (early exaggeration)" : "optimizing", done, total);
            if (listener != MapListener.NONE && (done % mapEvery == 0 || done == total)) {
                listener.update(done, total, toFloats(y));
            }
        }
    }

    static float[] toFloats(double[] y) {
        float[] copy = new float[y.length];
        for (int e = 0; e < y.length; e++) {
            copy[e] = (float) y[e];
        }
        return copy;
    }
}
