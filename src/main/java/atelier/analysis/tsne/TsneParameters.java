package atelier.analysis.tsne;

/**
 * Everything that decides a map, fixed before it is computed.
 *
 * @param perplexity         effective number of neighbours (k = 3·perplexity neighbours are searched)
 * @param iterations         all gradient steps, early exaggeration included
 * @param earlyIterations    steps with exaggerated attraction and momentum 0.5
 * @param exaggeration       the early attraction factor
 * @param learningRate       step size; NaN for n / 12 (Belkina et al. 2019), at least 200 as in openTSNE
 * @param seed               fixes the random start (with {@code Initialization.RANDOM}) and any subsample
 * @param initialization     PCA (openTSNE's default) or random
 * @param repulsion          exact, interpolated, or chosen by the number of points
 * @param threads            worker threads
 */
public record TsneParameters(double perplexity, int iterations, int earlyIterations, double exaggeration,
                             double learningRate, long seed, Initialization initialization, Repulsion repulsion,
                             int threads) {
    /** Below this many points the exact O(n²) repulsion is as fast as interpolation and has no error. */
    public static final int EXACT_BELOW = 4000;

    public enum Initialization { PCA, RANDOM }

    public enum Repulsion { AUTO, EXACT, INTERPOLATED }

    public TsneParameters {
        if (!(perplexity >= 2) || perplexity > 500) {
            throw new IllegalArgumentException("perplexity must be between 2 and 500, got " + perplexity);
        }
        if (iterations < 1 || iterations > 100_000) {
            throw new IllegalArgumentException("iterations must be between 1 and 100000, got " + iterations);
        }
        if (earlyIterations < 0) {
            throw new IllegalArgumentException("early-exaggeration iterations cannot be negative: " + earlyIterations);
        }
        if (!(exaggeration >= 1) || exaggeration > 100) {
            throw new IllegalArgumentException("exaggeration must be between 1 and 100, got " + exaggeration);
        }
        if (!Double.isNaN(learningRate) && !(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** openTSNE's and FIt-SNE's recipe: perplexity 30, 750 steps of which 250 exaggerated by 12, PCA start. */
    public static TsneParameters defaults() {
        return new TsneParameters(30, 750, 250, 12, Double.NaN, 1, Initialization.PCA, Repulsion.AUTO,
                Runtime.getRuntime().availableProcessors());
    }

    public TsneParameters withPerplexity(double value) {
        return new TsneParameters(value, iterations, earlyIterations, exaggeration, learningRate, seed,
                initialization, repulsion, threads);
    }

    public TsneParameters withIterations(int value) {
        return new TsneParameters(perplexity, value, Math.min(earlyIterations, value), exaggeration, learningRate,
                seed, initialization, repulsion, threads);
    }

    public TsneParameters withEarlyIterations(int value) {
        return new TsneParameters(perplexity, iterations, value, exaggeration, learningRate, seed, initialization,
                repulsion, threads);
    }

    public TsneParameters withExaggeration(double value) {
        return new TsneParameters(perplexity, iterations, earlyIterations, value, learningRate, seed,
                initialization, repulsion, threads);
    }

    public TsneParameters withLearningRate(double value) {
        return new TsneParameters(perplexity, iterations, earlyIterations, exaggeration, value, seed,
                initialization, repulsion, threads);
    }

    public TsneParameters withSeed(long value) {
        return new TsneParameters(perplexity, iterations, earlyIterations, exaggeration, learningRate, value,
                initialization, repulsion, threads);
    }

    public TsneParameters withInitialization(Initialization value) {
        return new TsneParameters(perplexity, iterations, earlyIterations, exaggeration, learningRate, seed, value,
                repulsion, threads);
    }

    public TsneParameters withRepulsion(Repulsion value) {
        return new TsneParameters(perplexity, iterations, earlyIterations, exaggeration, learningRate, seed,
                initialization, value, threads);
    }

    public TsneParameters withThreads(int value) {
        return new TsneParameters(perplexity, iterations, earlyIterations, exaggeration, learningRate, seed,
                initialization, repulsion, value);
    }

    /** Neighbours searched per point for n points. */
    public int neighbours(int n) {
        return Math.min(n - 1, (int) Math.ceil(3 * perplexity));
    }

    public double learningRateFor(int n) {
        return Double.isNaN(learningRate) ? Math.max(200, n / exaggeration) : learningRate;
    }

    public boolean exactFor(int n) {
        return repulsion == Repulsion.EXACT || (repulsion == Repulsion.AUTO && n < EXACT_BELOW);
    }

    /** A short stable text of the parameters that change the map, for cache keys. */
    public String key() {
        return "p" + perplexity + "-i" + iterations + "-e" + earlyIterations + "x" + exaggeration + "-lr"
                + (Double.isNaN(learningRate) ? "auto" : String.valueOf(learningRate)) + "-s" + seed + "-"
                + initialization.name().toLowerCase() + "-" + repulsion.name().toLowerCase();
    }
}
