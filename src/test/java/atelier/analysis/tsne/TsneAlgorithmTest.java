package atelier.analysis.tsne;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atelier.task.CancelledException;
import atelier.task.Progress;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TsneAlgorithmTest {

    private static float[] gaussian(int n, int dims, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * dims];
        for (int e = 0; e < x.length; e++) {
            x[e] = (float) random.nextGaussian();
        }
        return x;
    }

    @Test
    void exactNeighboursMatchABruteForceSearch() {
        int n = 700;
        int dims = 12;
        float[] x = gaussian(n, dims, 3);
        try (ParallelWork work = new ParallelWork(2)) {
            Neighbors found = ExactNeighbors.find(x, n, dims, 9, work, Progress.NONE);
            for (int i = 0; i < n; i += 37) {
                double[] d = new double[n];
                Integer[] order = new Integer[n];
                for (int j = 0; j < n; j++) {
                    order[j] = j;
                    for (int a = 0; a < dims; a++) {
                        double diff = x[i * dims + a] - x[j * dims + a];
                        d[j] += diff * diff;
                    }
                }
                d[i] = Double.POSITIVE_INFINITY;
                java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
                for (int r = 0; r < 9; r++) {
                    assertThat(found.index(i, r)).as("point %d rank %d", i, r).isEqualTo(order[r]);
                    assertThat((double) found.squaredDistance(i, r)).isCloseTo(d[order[r]],
                            org.assertj.core.data.Offset.offset(1e-3 * (1 + d[order[r]])));
                }
            }
        }
    }

    @Test
    void everyRowIsCalibratedToThePerplexity() {
        int n = 1000;
        float[] x = gaussian(n, 10, 5);
        try (ParallelWork work = new ParallelWork(2)) {
            Neighbors neighbors = ExactNeighbors.find(x, n, 10, 90, work, Progress.NONE);
            double[] p = PerplexityCalibration.conditional(neighbors, 30, work);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int r = 0; r < 90; r++) {
                    sum += p[i * 90 + r];
                }
                assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(PerplexityCalibration.entropy(p, i * 90, 90)).as("row %d", i)
                        .isCloseTo(Math.log(30), org.assertj.core.data.Offset.offset(1e-4));
            }
            SparseAffinities joint = SparseAffinities.symmetrize(neighbors, p);
            double total = 0;
            for (double value : joint.values()) {
                total += value;
            }
            assertThat(total).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(joint.nonZeros()).isBetween(n * 90, 2 * n * 90);
        }
    }

    @Test
    void interpolatedRepulsionMatchesTheExactSums() {
        int n = 1000;
        Random random = new Random(11);
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            // Three clusters of different spreads, as a map has, over about 60 units.
            int cluster = i % 3;
            y[2 * i] = cluster * 25 - 25 + random.nextGaussian() * (1 + 3 * cluster);
            y[2 * i + 1] = cluster * 10 + random.nextGaussian() * (1 + 2 * cluster);
        }
        try (ParallelWork work = new ParallelWork(2)) {
            double[] exact = new double[2 * n];
            double zExact = new ExactRepulsion(work).compute(y, exact);
            double[] fine = relativeErrors(y, exact, zExact, new InterpolatedRepulsion(work, 1000, 0.5));
            assertThat(fine[0]).as("Z, boxes half a unit wide").isLessThan(0.01);
            assertThat(fine[1]).as("forces, boxes half a unit wide").isLessThan(0.01);
            InterpolatedRepulsion standard = new InterpolatedRepulsion(work, Tsne.MAX_BOXES, Tsne.UNITS_PER_BOX);
            double[] coarse = relativeErrors(y, exact, zExact, standard);
            assertThat(standard.lastBoxes()).isGreaterThanOrEqualTo(InterpolatedRepulsion.MIN_BOXES);
            assertThat(coarse[0]).as("Z, the optimizer's boxes").isLessThan(0.01);
            assertThat(coarse[1]).as("forces, the optimizer's boxes").isLessThan(0.03);
            // Three nodes a box: the error falls with the cube of the box width.
            assertThat(fine[1]).isLessThan(coarse[1] / 4);
        }
    }

    /** {relative error of Z, root-mean-square error of the forces relative to their root mean square}. */
    private static double[] relativeErrors(double[] y, double[] exact, double zExact, RepulsiveForces method) {
        double[] approximate = new double[y.length];
        double z = method.compute(y, approximate);
        double error = 0;
        double norm = 0;
        for (int e = 0; e < y.length; e++) {
            error += (approximate[e] - exact[e]) * (approximate[e] - exact[e]);
            norm += exact[e] * exact[e];
        }
        return new double[] {Math.abs(z - zExact) / zExact, Math.sqrt(error / norm)};
    }

    @Test
    void theGradientIsTheDerivativeOfTheKlDivergence() {
        int n = 50;
        float[] x = gaussian(n, 5, 8);
        try (ParallelWork work = new ParallelWork(2)) {
            Neighbors neighbors = ExactNeighbors.find(x, n, 5, 15, work, Progress.NONE);
            SparseAffinities p = SparseAffinities.symmetrize(neighbors,
                    PerplexityCalibration.conditional(neighbors, 5, work));
            TsneObjective objective = new TsneObjective(p, new ExactRepulsion(work), work);
            double[] y = Tsne.randomStart(n, 4);
            for (int e = 0; e < y.length; e++) {
                y[e] *= 1e4;
            }
            double[] gradient = new double[2 * n];
            objective.gradient(y, 1, gradient);
            double h = 1e-6;
            for (int e = 0; e < 2 * n; e++) {
                double kept = y[e];
                y[e] = kept + h;
                double above = objective.klDivergence(y);
                y[e] = kept - h;
                double below = objective.klDivergence(y);
                y[e] = kept;
                double numeric = (above - below) / (2 * h);
                assertThat(4 * gradient[e]).as("coordinate %d", e)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-4 * Math.abs(numeric)));
            }
        }
    }

    /** Ten Gaussian blobs far apart in 20 dimensions. */
    private static float[] blobs(int perBlob, int[] labels, long seed) {
        int dims = 20;
        Random random = new Random(seed);
        float[] x = new float[10 * perBlob * dims];
        for (int b = 0; b < 10; b++) {
            double[] centre = new double[dims];
            for (int d = 0; d < dims; d++) {
                centre[d] = random.nextGaussian() * 10;
            }
            for (int i = 0; i < perBlob; i++) {
                int point = b * perBlob + i;
                labels[point] = b;
                for (int d = 0; d < dims; d++) {
                    x[point * dims + d] = (float) (centre[d] + random.nextGaussian());
                }
            }
        }
        return x;
    }

    @Test
    void wellSeparatedBlobsComeOutSeparated() {
        int[] labels = new int[5000];
        float[] x = blobs(500, labels, 2);
        TsneParameters parameters = TsneParameters.defaults().withIterations(400).withThreads(2);
        TsneResult result = Tsne.run(x, 5000, 20, parameters, Progress.NONE, MapListener.NONE);
        assertThat(result.exactRepulsion()).isFalse();
        try (ParallelWork work = new ParallelWork(2)) {
            Neighbors inMap = MapQuality.mapNeighbors(result.map(), 5000, 10, work);
            assertThat(MapQuality.knnAccuracy(inMap, labels, 10)).isEqualTo(1.0);
        }
        assertThat(MapQuality.knnAccuracy(result.neighbors(), labels, 10)).isEqualTo(1.0);
        assertThat(result.klDivergence()).isPositive().isFinite();
    }

    @Test
    void theSameSeedGivesTheSameMap() {
        int[] labels = new int[600];
        float[] x = blobs(60, labels, 6);
        TsneParameters parameters = TsneParameters.defaults().withIterations(120).withEarlyIterations(60)
                .withInitialization(TsneParameters.Initialization.RANDOM).withSeed(9).withThreads(2);
        float[] first = Tsne.run(x, 600, 20, parameters, Progress.NONE, MapListener.NONE).map();
        float[] second = Tsne.run(x, 600, 20, parameters, Progress.NONE, MapListener.NONE).map();
        float[] otherSeed = Tsne.run(x, 600, 20, parameters.withSeed(10), Progress.NONE, MapListener.NONE).map();
        float[] oneThread = Tsne.run(x, 600, 20, parameters.withThreads(1), Progress.NONE, MapListener.NONE).map();
        assertThat(second).isEqualTo(first);
        assertThat(oneThread).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void cancelStopsWithinOneIteration() throws Exception {
        int[] labels = new int[600];
        float[] x = blobs(60, labels, 7);
        AtomicInteger lastStep = new AtomicInteger();
        AtomicInteger cancelledAt = new AtomicInteger(-1);
        Throwable[] thrown = new Throwable[1];
        Thread[] worker = new Thread[1];
        Progress progress = (message, done, total) -> {
            if (message.startsWith("optimizing")) {
                lastStep.set((int) done);
                if (done == 20 && cancelledAt.get() < 0) {
                    cancelledAt.set(20);
                    worker[0].interrupt();
                }
            }
        };
        worker[0] = new Thread(() -> {
            try {
                Tsne.run(x, 600, 20, TsneParameters.defaults().withThreads(2), progress, MapListener.NONE);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        worker[0].start();
        worker[0].join(60_000);
        assertThat(worker[0].isAlive()).isFalse();
        assertThat(thrown[0]).isInstanceOf(CancelledException.class);
        assertThat(lastStep.get()).isBetween(20, 21);
    }

    @Test
    void badParametersAreRefusedWithTheValue() {
        assertThatThrownBy(() -> TsneParameters.defaults().withPerplexity(1)).hasMessageContaining("perplexity")
                .hasMessageContaining("1.0");
        assertThatThrownBy(() -> Tsne.run(new float[6], 3, 2, TsneParameters.defaults(), Progress.NONE,
                MapListener.NONE)).hasMessageContaining("at least 4 points");
    }
}
