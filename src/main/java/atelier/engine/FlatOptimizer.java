package atelier.engine;

import atelier.nd4j.NativeMemory;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaDeltaUpdater;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An optimizer over one flat vector of trainable parameters, in PyTorch's formulation, with an optional L2 weight
 * decay added to the gradient (PyTorch's {@code weight_decay}) and a learning rate that the training loop sets per
 * epoch (step decay). Its state has the vector's length times {@link #stateVectors()}, allocated on the first
 * step, so that frozen parameters (which are never handed in) get none.
 */
public abstract class FlatOptimizer {
    private final double weightDecay;
    protected double learningRate;
    protected INDArray state;
    protected long steps;

    protected FlatOptimizer(double learningRate, double weightDecay) {
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    /** PyTorch's optimizer of that name: adadelta, sgd (momentum, optionally Nesterov) or adam. */
    public static FlatOptimizer named(String name, double learningRate, double momentum, boolean nesterov,
                                      double weightDecay) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "adadelta" -> new Adadelta(learningRate, weightDecay);
            case "sgd" -> new Sgd(learningRate, momentum, nesterov, weightDecay);
            case "adam" -> new Adam(learningRate, weightDecay);
            default -> throw new IllegalArgumentException("unknown optimizer \"" + name + "\" (adadelta, sgd, adam)");
        };
    }

    /** How many vectors of the parameters' length the state holds. */
    protected abstract int stateVectors();

    /** Runs a task over [0, length) in ranges, perhaps at once on several threads, and returns when all ended. */
    @FunctionalInterface
    public interface Slices {
        /** One range, the whole vector. */
        Slices WHOLE = (length, range) -> range.run(0, length);

        void run(long length, Range range);
    }

    /** Work on the elements [from, to) of the vectors. */
    @FunctionalInterface
    public interface Range {
        void run(long from, long to);
    }

    /** Changes {@code parameters} by one step from {@code gradients} (which it may overwrite). */
    public final void step(INDArray parameters, INDArray gradients) {
        step(parameters, gradients, Slices.WHOLE);
    }

    /**
     * The same, each range of the vectors that {@code slices} hands out updated on its own (the updates are
     * elementwise, so the ranges may run at once: a network split across threads gives its threads one each).
     */
    public final void step(INDArray parameters, INDArray gradients, Slices slices) {
        long n = parameters.length();
        if (state == null) {
            state = Nd4j.zeros(DataType.FLOAT, Math.max(1, stateVectors() * n));
        } else if (state.length() != Math.max(1, stateVectors() * n)) {
            throw new IllegalStateException("the optimizer's state is for " + state.length() / stateVectors()
                    + " parameters, not " + n);
        }
        INDArray update = updateBuffer(n);
        INDArray[] stateVectors = new INDArray[stateVectors()];
        for (int i = 0; i < stateVectors.length; i++) {
            stateVectors[i] = stateVector(i, n);
        }
        slices.run(n, (from, to) -> {
            INDArray p = range(parameters, from, to);
            INDArray g = range(gradients, from, to);
            if (weightDecay != 0) {
                Nd4j.getBlasWrapper().level1().axpy(to - from, weightDecay, p, g);
            }
            INDArray[] s = new INDArray[stateVectors.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = range(stateVectors[i], from, to);
            }
            apply(p, g, range(update, from, to), s);
        });
        steps++;
    }

    private static INDArray range(INDArray vector, long from, long to) {
        return from == 0 && to == vector.length() ? vector
                : vector.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
    }

    /**
     * One step on a range of the vectors: {@code update} is scratch of the same length, {@code state} the
     * optimizer's state vectors over the same range.
     */
    protected abstract void apply(INDArray parameters, INDArray gradients, INDArray update, INDArray[] state);

    private INDArray update;

    /** Frees the optimizer's state and scratch vector now; the optimizer cannot step afterwards. */
    public void release() {
        NativeMemory.free(state);
        NativeMemory.free(update);
        state = null;
        update = null;
    }

    /** A scratch vector of {@code n} values for the step an updater op computes, allocated once. */
    protected INDArray updateBuffer(long n) {
        if (update == null || update.length() != n) {
            update = Nd4j.create(DataType.FLOAT, n);
        }
        return update;
    }

    /** The i-th state vector (a view). */
    protected INDArray stateVector(int i, long n) {
        return state.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i * n, (i + 1) * n));
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public double learningRate() {
        return learningRate;
    }

    /** A copy of the state (null before the first step), for checkpoints. */
    public INDArray state() {
        return state == null ? null : state.dup();
    }

    /** Steps taken so far (Adam's bias correction depends on it). */
    public long steps() {
        return steps;
    }

    /** Restores what {@link #state()} and {@link #steps()} gave. */
    public void restore(INDArray savedState, long savedSteps) {
        state = savedState == null ? null : savedState.dup().reshape(savedState.length());
        steps = savedSteps;
    }

    /** Adadelta (Zeiler 2012) as torch.optim.Adadelta: rho 0.9, eps 1e-6, the step scaled by the learning rate. */
    static final class Adadelta extends FlatOptimizer {
        static final double RHO = 0.9;
        static final double EPSILON = 1e-6;
        Adadelta(double learningRate, double weightDecay) {
            super(learningRate, weightDecay);
        }

        @Override
        protected int stateVectors() {
            return 2;
        }

        @Override
        protected void apply(INDArray parameters, INDArray gradients, INDArray update, INDArray[] state) {
            INDArray squaredGradients = state[0];
            INDArray squaredUpdates = state[1];
            Nd4j.exec(new AdaDeltaUpdater(gradients, squaredGradients, squaredUpdates, update, squaredGradients,
                    squaredUpdates, RHO, EPSILON));
            Nd4j.getBlasWrapper().level1().axpy(parameters.length(), -learningRate, update, parameters);
        }
    }

    /**
     * torch.optim.SGD with momentum: buf = momentum·buf + g, then p -= lr·buf, or with Nesterov p -= lr·(g +
     * momentum·buf). ND4J's {@code nesterovs_updater} is DL4J's other formulation (the learning rate inside the
     * velocity), so this one is written with BLAS calls.
     */
    static final class Sgd extends FlatOptimizer {
        private final double momentum;
        private final boolean nesterov;

        Sgd(double learningRate, double momentum, boolean nesterov, double weightDecay) {
            super(learningRate, weightDecay);
            this.momentum = momentum;
            this.nesterov = nesterov;
        }

        @Override
        protected int stateVectors() {
            return momentum == 0 ? 0 : 1;
        }

        @Override
        protected void apply(INDArray parameters, INDArray gradients, INDArray update, INDArray[] state) {
            long n = parameters.length();
            if (momentum == 0) {
                Nd4j.getBlasWrapper().level1().axpy(n, -learningRate, gradients, parameters);
                return;
            }
            INDArray buffer = state[0];
            buffer.muli(momentum).addi(gradients);
            if (nesterov) {
                Nd4j.getBlasWrapper().level1().axpy(n, momentum, buffer, gradients);
                Nd4j.getBlasWrapper().level1().axpy(n, -learningRate, gradients, parameters);
            } else {
                Nd4j.getBlasWrapper().level1().axpy(n, -learningRate, buffer, parameters);
            }
        }
    }

    /**
     * torch.optim.Adam with its defaults (betas 0.9 and 0.999, eps 1e-8), on ND4J's {@code adam_updater}. That op
     * computes lr·√(1-β₂ᵗ)/(1-β₁ᵗ)·m/(√v + ε); PyTorch divides by (√v/√(1-β₂ᵗ) + ε) instead, which is the same
     * with ε·√(1-β₂ᵗ) in the op's place, so that is what it is given.
     */
    static final class Adam extends FlatOptimizer {
        static final double BETA1 = 0.9;
        static final double BETA2 = 0.999;
        static final double EPSILON = 1e-8;
        Adam(double learningRate, double weightDecay) {
            super(learningRate, weightDecay);
        }

        @Override
        protected int stateVectors() {
            return 2;
        }

        @Override
        protected void apply(INDArray parameters, INDArray gradients, INDArray update, INDArray[] state) {
            INDArray v = state[0];
            INDArray m = state[1];
            long t = steps + 1;
            double epsilon = EPSILON * Math.sqrt(1 - Math.pow(BETA2, t));
            Nd4j.exec(new AdamUpdater(gradients, v, m, update, v, m, learningRate, BETA1, BETA2, epsilon,
                    (int) steps));
            parameters.subi(update);
        }
    }
}
