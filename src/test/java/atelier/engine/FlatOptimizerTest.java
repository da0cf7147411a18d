package atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Two steps of each optimizer on a two-element vector, against PyTorch's update rules worked out by hand. */
class FlatOptimizerTest {
    private static final double[] START = {1.0, -2.0};
    private static final double[][] GRADIENTS = {{0.5, 0.1}, {-0.3, 0.2}};

    private static double[] run(FlatOptimizer optimizer) {
        INDArray p = Nd4j.createFromArray(START).castTo(DataType.FLOAT);
        for (double[] g : GRADIENTS) {
            optimizer.step(p, Nd4j.createFromArray(g).castTo(DataType.FLOAT));
        }
        return p.toDoubleVector();
    }

    private static void assertClose(double[] actual, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element " + i).isCloseTo(expected[i], within(1e-6 + 1e-5 * Math.abs(expected[i])));
        }
    }

    @Test
    void adadeltaScaledByTheLearningRate() {
        double lr = 0.5;
        double rho = 0.9;
        double eps = 1e-6;
        double[] p = START.clone();
        double[] v = new double[2];
        double[] u = new double[2];
        for (double[] g : GRADIENTS) {
            for (int i = 0; i < 2; i++) {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                double delta = Math.sqrt(u[i] + eps) / Math.sqrt(v[i] + eps) * g[i];
                u[i] = rho * u[i] + (1 - rho) * delta * delta;
                p[i] -= lr * delta;
            }
        }
        assertClose(run(FlatOptimizer.named("adadelta", lr, 0, false, 0)), p);
    }

    @Test
    void sgdWithClassicalMomentum() {
        double lr = 0.1;
        double mu = 0.9;
        double[] p = START.clone();
        double[] buf = new double[2];
        for (double[] g : GRADIENTS) {
            for (int i = 0; i < 2; i++) {
                buf[i] = mu * buf[i] + g[i];
                p[i] -= lr * buf[i];
            }
        }
        // by hand: step 1 p = [0.95, -2.01]; step 2 buf = [0.15, 0.29], p = [0.935, -2.039]
        assertClose(p, new double[] {0.935, -2.039});
        assertClose(run(FlatOptimizer.named("sgd", lr, mu, false, 0)), p);
    }

    @Test
    void sgdWithNesterovMomentum() {
        double lr = 0.1;
        double mu = 0.9;
        double[] p = START.clone();
        double[] buf = new double[2];
        for (double[] g : GRADIENTS) {
            for (int i = 0; i < 2; i++) {
                buf[i] = mu * buf[i] + g[i];
                p[i] -= lr * (g[i] + mu * buf[i]);
            }
        }
        assertClose(run(FlatOptimizer.named("sgd", lr, mu, true, 0)), p);
    }

    @Test
    void adamWithPyTorchDefaultsAndBiasCorrection() {
        double lr = 1e-3;
        double[] p = START.clone();
        double[] m = new double[2];
        double[] v = new double[2];
        int t = 0;
        for (double[] g : GRADIENTS) {
            t++;
            for (int i = 0; i < 2; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        assertClose(run(FlatOptimizer.named("adam", lr, 0, false, 0)), p);
    }

    @Test
    void weightDecayIsAddedToTheGradient() {
        double lr = 0.1;
        double wd = 0.01;
        double[] p = START.clone();
        for (double[] g : GRADIENTS) {
            for (int i = 0; i < 2; i++) {
                p[i] -= lr * (g[i] + wd * p[i]);
            }
        }
        assertClose(run(FlatOptimizer.named("sgd", lr, 0, false, wd)), p);
    }

    @Test
    void stateRestoredContinuesTheSameWay() {
        FlatOptimizer first = FlatOptimizer.named("adam", 1e-2, 0, false, 0);
        INDArray p = Nd4j.createFromArray(START).castTo(DataType.FLOAT);
        first.step(p, Nd4j.createFromArray(GRADIENTS[0]).castTo(DataType.FLOAT));
        INDArray q = p.dup();
        FlatOptimizer second = FlatOptimizer.named("adam", 1e-2, 0, false, 0);
        second.restore(first.state(), first.steps());
        first.step(p, Nd4j.createFromArray(GRADIENTS[1]).castTo(DataType.FLOAT));
        second.step(q, Nd4j.createFromArray(GRADIENTS[1]).castTo(DataType.FLOAT));
        assertThat(q.toDoubleVector()).containsExactly(p.toDoubleVector());
    }

    /** A step cut into ranges (as a network split across threads runs it) equals the step on the whole vector. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"adadelta", "sgd", "adam"})
    void aStepInRangesEqualsTheWholeStep(String name) {
        Nd4j.getRandom().setSeed(5);
        INDArray start = Nd4j.randn(DataType.FLOAT, 1000);
        INDArray[] gradients = {Nd4j.randn(DataType.FLOAT, 1000), Nd4j.randn(DataType.FLOAT, 1000)};
        FlatOptimizer whole = FlatOptimizer.named(name, 0.01, 0.9, false, 1e-3);
        FlatOptimizer ranged = FlatOptimizer.named(name, 0.01, 0.9, false, 1e-3);
        INDArray p = start.dup();
        INDArray q = start.dup();
        java.util.List<long[]> ranges = new java.util.ArrayList<>();
        FlatOptimizer.Slices threeRanges = (length, range) -> {
            long[] cuts = {0, 256, 512, length};
            for (int r = 0; r < 3; r++) {
                ranges.add(new long[] {cuts[r], cuts[r + 1]});
                range.run(cuts[r], cuts[r + 1]);
            }
        };
        for (INDArray g : gradients) {
            whole.step(p, g.dup());
            ranged.step(q, g.dup(), threeRanges);
        }
        assertThat(ranges).hasSize(6);
        assertThat(q.toFloatVector()).containsExactly(p.toFloatVector());
        assertThat(ranged.state().toFloatVector()).containsExactly(whole.state().toFloatVector());
    }
}
