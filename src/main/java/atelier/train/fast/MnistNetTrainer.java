package atelier.train.fast;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The pytorch/examples MNIST network, trained by a hand-built step over ND4J's native ops: conv 1→32 3×3, ReLU,
 * conv 32→64 3×3, ReLU, max-pool 2, dropout 0.25, flatten, dense 9216→128, ReLU, dropout 0.5, dense 128→10,
 * log-softmax with negative log-likelihood; Adadelta (lr 1.0, rho 0.9, eps 1e-6, as torch.optim.Adadelta).
 *
 * <p>Why not DL4J's MultiLayerNetwork: with its oneDNN helpers working it still spends most of a step in Java-side
 * bookkeeping, per-layer allocations, and its own dropout and updater passes (about 250 images/s against more
 * than 1,000 here on the same 2 cores). This class calls libnd4j's {@code conv2d}/{@code conv2d_bp}/
 * {@code maxpool2d(_bp)} (which run oneDNN kernels in the {@code -onednn} builds), OpenBLAS GEMMs and one
 * {@code ada_delta_updater} over a single flat parameter vector, on buffers allocated once per batch size, so that
 * a step allocates almost nothing.
 *
 * <p>Activations are NHWC (channels last): oneDNN's forward convolution and libnd4j's max-pool backward are
 * faster on it than on NCHW (a step takes ~10% less). Parameters live in one flat vector in PyTorch's order
 * (conv1.weight [32,1,3,3], conv1.bias, conv2.weight [64,32,3,3], conv2.bias, fc1.weight, fc1.bias, fc2.weight,
 * fc2.bias), with two differences: dense weights are stored input-major ([9216,128] and [128,10], the transpose of
 * torch's Linear.weight), and fc1's 9,216 inputs are the pooled maps flattened in (row, column, channel) order
 * rather than torch's (channel, row, column). Initialisation follows PyTorch's defaults: U(-1/√fan_in,
 * 1/√fan_in) for every weight and bias.
 *
 * <p>Inputs are float tensors [n,1,28,28] (or [n,784]; with one channel NCHW and NHWC are the same) already normalised; labels are one-hot [n,10]. Not thread
 * safe: one trainer belongs to one training thread.
 */
public final class MnistNetTrainer {
    public static final int HEIGHT = 28;
    public static final int WIDTH = 28;
    public static final int CLASSES = 10;
    /** Parameters of the network: 1,199,882, like torch's Net. */
    public static final long PARAMS = 32 * 9 + 32 + 64 * 32 * 9 + 64 + 9216L * 128 + 128 + 128 * 10 + 10;

    private static final float RHO = 0.9f;
    private static final float EPSILON = 1e-6f;
    private static final double KEEP_CONV = 0.75;
    private static final double KEEP_DENSE = 0.5;
    /** libnd4j conv2d integer arguments: 3×3 kernel, stride 1, no padding, dilation 1, VALID, NHWC, weights [oC,iC,kH,kW]. */
    private static final int[] CONV_ARGS = {3, 3, 1, 1, 0, 0, 1, 1, 0, 1, 1};
    /** libnd4j maxpool2d integer arguments: 2×2 kernel, stride 2, no padding, dilation 1, VALID, (unused), NHWC. */
    private static final int[] POOL_ARGS = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1};

    private final Random random;
    private final double keepConv;
    private final double keepDense;
    private final INDArray params;
    private final INDArray gradients;
    private final INDArray update;
    private final INDArray msg;
    private final INDArray msdx;
    private final Layers p;
    private final Layers g;
    private final CustomOp adadelta;

    private TrainBuffers train;
    private ForwardBuffers eval;
    private double learningRate = 1.0;

    /** The views of one flat vector as the network's eight parameter tensors. */
    private record Layers(INDArray w1, INDArray b1, INDArray w2, INDArray b2, INDArray w3, INDArray b3,
                          INDArray w4, INDArray b4) {
        static Layers of(INDArray flat) {
            long[] offset = {0};
            return new Layers(view(flat, offset, 32, 1, 3, 3), view(flat, offset, 32),
                    view(flat, offset, 64, 32, 3, 3), view(flat, offset, 64),
                    view(flat, offset, 9216, 128), view(flat, offset, 128),
                    view(flat, offset, 128, CLASSES), view(flat, offset, CLASSES));
        }

        private static INDArray view(INDArray flat, long[] offset, long... shape) {
            long length = 1;
            for (long s : shape) {
                length *= s;
            }
            INDArray v = flat.get(NDArrayIndex.interval(offset[0], offset[0] + length)).reshape('c', shape);
            offset[0] += length;
            return v;
        }

        INDArray[] all() {
            return new INDArray[] {w1, b1, w2, b2, w3, b3, w4, b4};
        }
    }

    /** A trainer whose weights and dropout masks come from {@code seed}. */
    public MnistNetTrainer(long seed) {
        this(seed, true);
    }

    /**
     * @param seed    seed of the initial weights and of the dropout masks
     * @param dropout false to train without the two dropout layers (for checks against other implementations)
     */
    public MnistNetTrainer(long seed, boolean dropout) {
        this.keepConv = dropout ? KEEP_CONV : 1.0;
        this.keepDense = dropout ? KEEP_DENSE : 1.0;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        this.params = Nd4j.create(DataType.FLOAT, PARAMS);
        this.gradients = Nd4j.create(DataType.FLOAT, PARAMS);
        this.update = Nd4j.create(DataType.FLOAT, PARAMS);
        this.msg = Nd4j.zeros(DataType.FLOAT, PARAMS);
        this.msdx = Nd4j.zeros(DataType.FLOAT, PARAMS);
        this.p = Layers.of(params);
        this.g = Layers.of(gradients);
        initialise();
        this.adadelta = DynamicCustomOp.builder("ada_delta_updater")
                .addInputs(gradients, msg, msdx).addOutputs(update, msg, msdx)
                .addFloatingPointArguments((double) RHO, (double) EPSILON).build();
    }

    private void initialise() {
        long[] fanIn = {9, 9, 32 * 9, 32 * 9, 9216, 9216, 128, 128};
        INDArray[] tensors = p.all();
        for (int i = 0; i < tensors.length; i++) {
            double bound = 1.0 / Math.sqrt(fanIn[i]);
            Nd4j.getExecutioner().exec(new UniformDistribution(tensors[i], -bound, bound), random);
        }
    }

    /** Loss and accuracy of one training step or of an evaluation. */
    public record Result(double loss, long correct, long count) {
        public double accuracy() {
            return count == 0 ? 0 : (double) correct / count;
        }
    }

    /**
     * One Adadelta step on a mini-batch, with dropout.
     *
     * @param features [n,1,28,28] or [n,784] floats
     * @param labels   one-hot [n,10]
     * @return the batch's mean loss and correct count, measured in the forward pass before the update
     */
    public Result step(INDArray features, INDArray labels) {
        int n = checkBatch(features, labels);
        if (train == null || train.n != n) {
            train = new TrainBuffers(n);
        }
        TrainBuffers b = train;
        b.x.assign(features.reshape(n, HEIGHT, WIDTH, 1));
        b.y.assign(labels);
        // Forward, with fresh dropout masks scaled by 1/keep (inverted dropout, as torch does).
        b.forward(true);
        Result result = b.result(b.y);
        // Backward: d(mean NLL)/dz = (softmax - onehot) / n.
        Nd4j.exec(new Exp(b.logp, b.dz));
        b.dz.subi(b.y).divi(n);
        Nd4j.gemm(b.d2, b.dz, g.w4, true, false, 1.0, 0.0);
        b.dz.sum(g.b4, 0);
        Nd4j.gemm(b.dz, p.w4, b.dd2, false, true, 1.0, 0.0);
        // Dropout and ReLU backward in one mask: d2 = relu(..)·mask2 is > 0 exactly where both pass gradient.
        passWhere(b.d2, b.dd2, b.gate2, keepDense);
        Nd4j.gemm(b.d1, b.dd2, g.w3, true, false, 1.0, 0.0);
        b.dd2.sum(g.b3, 0);
        Nd4j.gemm(b.dd2, p.w3, b.dd1, false, true, 1.0, 0.0);
        // Same for dropout 1 and conv2's ReLU, applied before the max-pool instead of after it: max-pool routes
        // each gradient to its window's maximum, whose ReLU passes gradient iff the pooled value is > 0. This
        // is exact, and 4x less work than ReLU's backward on the 24x24 maps.
        passWhere(b.d1, b.dd1, b.gate1, keepConv);
        Nd4j.exec(b.poolBp);
        Nd4j.exec(b.conv2Bp);
        passWhere(b.a1, b.da1, b.gateA1, 1.0);
        Nd4j.exec(b.conv1Bp);
        // Adadelta over the whole flat vector at once, then p -= lr * update (torch's Adadelta has a learning rate).
        Nd4j.exec(adadelta);
        if (learningRate != 1.0) {
            update.muli(learningRate);
        }
        params.subi(update);
        return result;
    }

    /**
     * Loss and accuracy over a whole set, without dropout, in batches of {@code batch}. The activations of one
     * batch are kept for the next call (about 0.3 MB per image, so ~300 MB of native memory at batch 1000).
     */
    public Result evaluate(INDArray features, INDArray labels, int batch) {
        long total = features.size(0);
        if (labels.size(0) != total) {
            throw new IllegalArgumentException(total + " images but " + labels.size(0) + " labels");
        }
        double lossSum = 0;
        long correct = 0;
        for (long start = 0; start < total; start += batch) {
            long end = Math.min(total, start + batch);
            INDArray x = features.get(NDArrayIndex.interval(start, end));
            INDArray y = labels.get(NDArrayIndex.interval(start, end));
            ForwardBuffers b = forwardBuffers((int) (end - start));
            b.x.assign(x.reshape(end - start, HEIGHT, WIDTH, 1));
            b.forward(false);
            Result r = b.result(y);
            lossSum += r.loss() * r.count();
            correct += r.correct();
        }
        return new Result(total == 0 ? 0 : lossSum / total, correct, total);
    }

    /**
     * Log-probabilities [n,10] for {@code features}, without dropout. The returned array is reused by the next
     * call of this method or of {@link #evaluate}: copy it to keep it.
     */
    public INDArray output(INDArray features) {
        int n = (int) features.size(0);
        ForwardBuffers b = forwardBuffers(n);
        b.x.assign(features.reshape(n, HEIGHT, WIDTH, 1));
        b.forward(false);
        return b.logp;
    }

    private ForwardBuffers forwardBuffers(int n) {
        if (eval == null || eval.n != n) {
            eval = null;
            eval = new ForwardBuffers(n);
        }
        return eval;
    }

    public long numParams() {
        return PARAMS;
    }

    /** Scales Adadelta's step, as torch.optim.Adadelta's lr does (StepLR changes it per epoch). */
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** A copy of the flat parameter vector. */
    public INDArray params() {
        return params.dup();
    }

    /** Replaces the parameters (a flat vector of {@link #PARAMS} values); the updater state is kept. */
    public void setParams(INDArray flat) {
        requireFlat(flat, "parameters");
        params.assign(flat.reshape(PARAMS));
    }

    /** The gradients of the last {@link #step}, in the layout of {@link #params()} (a live view: copy to keep). */
    INDArray lastGradients() {
        return gradients;
    }

    /** A copy of Adadelta's state: the running mean of squared gradients, then that of squared updates. */
    public INDArray updaterState() {
        return Nd4j.concat(0, msg, msdx);
    }

    public void setUpdaterState(INDArray state) {
        if (state.length() != 2 * PARAMS) {
            throw new IllegalArgumentException("updater state has " + state.length() + " values, expected "
                    + 2 * PARAMS);
        }
        INDArray flat = state.reshape(2 * PARAMS);
        msg.assign(flat.get(NDArrayIndex.interval(0, PARAMS)));
        msdx.assign(flat.get(NDArrayIndex.interval(PARAMS, 2 * PARAMS)));
    }

    private static void requireFlat(INDArray flat, String what) {
        Objects.requireNonNull(flat, what);
        if (flat.length() != PARAMS) {
            throw new IllegalArgumentException(what + " have " + flat.length() + " values, expected " + PARAMS);
        }
    }

    private static int checkBatch(INDArray features, INDArray labels) {
        long n = features.size(0);
        if (n < 1 || features.length() != n * HEIGHT * WIDTH) {
            throw new IllegalArgumentException("features must be [n,1,28,28] or [n,784], got "
                    + java.util.Arrays.toString(features.shape()));
        }
        if (labels.rank() != 2 || labels.size(0) != n || labels.size(1) != CLASSES) {
            throw new IllegalArgumentException("labels must be one-hot [" + n + ",10], got "
                    + java.util.Arrays.toString(labels.shape()));
        }
        return (int) n;
    }

    /**
     * {@code gradient *= (activation > 0) / keep}, through {@code gate}: libnd4j's {@code relu_bp} is 2-3x
     * slower than this scalar step plus pairwise multiply.
     */
    private static void passWhere(INDArray activation, INDArray gradient, INDArray gate, double keep) {
        Nd4j.exec(new Step(activation, gate, 0.0));
        if (keep != 1.0) {
            gate.muli(1.0 / keep);
        }
        Nd4j.exec(new MulOp(gradient, gate, gradient));
    }

    private static DynamicCustomOp op(String name, INDArray[] inputs, INDArray[] outputs, int... iArgs) {
        return DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs).addIntegerArguments(iArgs).build();
    }

    /** Activations of one batch size, and the ops that fill them. */
    private class ForwardBuffers {
        final int n;
        final INDArray x;
        final INDArray a1;
        final INDArray a2;
        final INDArray pool;
        final INDArray d1;
        final INDArray h;
        final INDArray d2;
        final INDArray z;
        final INDArray logp;
        final CustomOp conv1;
        final CustomOp conv2;
        final CustomOp maxPool;
        final CustomOp logSoftmax;

        ForwardBuffers(int n) {
            this.n = n;
            x = Nd4j.create(DataType.FLOAT, n, HEIGHT, WIDTH, 1);
            a1 = Nd4j.create(DataType.FLOAT, n, 26, 26, 32);
            a2 = Nd4j.create(DataType.FLOAT, n, 24, 24, 64);
            pool = Nd4j.create(DataType.FLOAT, n, 12, 12, 64);
            d1 = Nd4j.create(DataType.FLOAT, n, 9216);
            h = Nd4j.create(DataType.FLOAT, n, 128);
            d2 = Nd4j.create(DataType.FLOAT, n, 128);
            z = Nd4j.create(DataType.FLOAT, n, CLASSES);
            logp = Nd4j.create(DataType.FLOAT, n, CLASSES);
            conv1 = op("conv2d", new INDArray[] {x, p.w1, p.b1}, new INDArray[] {a1}, CONV_ARGS);
            conv2 = op("conv2d", new INDArray[] {a1, p.w2, p.b2}, new INDArray[] {a2}, CONV_ARGS);
            maxPool = op("maxpool2d", new INDArray[] {a2}, new INDArray[] {pool}, POOL_ARGS);
            logSoftmax = op("log_softmax", new INDArray[] {z}, new INDArray[] {logp}, 1);
        }

        void forward(boolean training) {
            Nd4j.exec(conv1);
            relu(a1);
            Nd4j.exec(conv2);
            relu(a2);
            Nd4j.exec(maxPool);
            INDArray flat = pool.reshape(n, 9216);
            if (training && keepConv < 1) {
                dropout(flat, d1, ((TrainBuffers) this).mask1, keepConv);
            } else {
                d1.assign(flat);
            }
            Nd4j.gemm(d1, p.w3, h, false, false, 1.0, 0.0);
            h.addiRowVector(p.b3);
            relu(h);
            if (training && keepDense < 1) {
                dropout(h, d2, ((TrainBuffers) this).mask2, keepDense);
            } else {
                d2.assign(h);
            }
            Nd4j.gemm(d2, p.w4, z, false, false, 1.0, 0.0);
            z.addiRowVector(p.b4);
            Nd4j.exec(logSoftmax);
        }

        /** Mean NLL and correct count of the current log-probabilities against one-hot {@code labels}. */
        Result result(INDArray labels) {
            // [n,10] is small: reading it once on the Java side is cheaper than six native reductions.
            float[] lp = logp.reshape(n * CLASSES).toFloatVector();
            float[] onehot = labels.reshape(n * CLASSES).toFloatVector();
            double loss = 0;
            long correct = 0;
            for (int i = 0; i < n; i++) {
                int base = i * CLASSES;
                int predicted = 0;
                int label = 0;
                for (int c = 0; c < CLASSES; c++) {
                    loss -= onehot[base + c] * lp[base + c];
                    if (lp[base + c] > lp[base + predicted]) {
                        predicted = c;
                    }
                    if (onehot[base + c] > onehot[base + label]) {
                        label = c;
                    }
                }
                if (predicted == label) {
                    correct++;
                }
            }
            return new Result(loss / n, correct, n);
        }

        private void relu(INDArray a) {
            Nd4j.exec(new RectifiedLinear(a, a, 0.0));
        }

        private void dropout(INDArray in, INDArray out, INDArray mask, double keep) {
            Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep), random);
            mask.muli(1.0 / keep);
            Nd4j.exec(new MulOp(in, mask, out));
        }
    }

    /** Forward buffers plus the gradients and masks of a training step. */
    private final class TrainBuffers extends ForwardBuffers {
        final INDArray y;
        final INDArray mask1;
        final INDArray mask2;
        final INDArray dz;
        final INDArray dd2;
        final INDArray dd1;
        final INDArray da2;
        final INDArray da1;
        final INDArray dx;
        final INDArray gate2;
        final INDArray gate1;
        final INDArray gateA1;
        final CustomOp poolBp;
        final CustomOp conv2Bp;
        final CustomOp conv1Bp;

        TrainBuffers(int n) {
            super(n);
            y = Nd4j.create(DataType.FLOAT, n, CLASSES);
            mask1 = Nd4j.create(DataType.FLOAT, n, 9216);
            mask2 = Nd4j.create(DataType.FLOAT, n, 128);
            dz = Nd4j.create(DataType.FLOAT, n, CLASSES);
            dd2 = Nd4j.create(DataType.FLOAT, n, 128);
            dd1 = Nd4j.create(DataType.FLOAT, n, 9216);
            da2 = Nd4j.create(DataType.FLOAT, n, 24, 24, 64);
            da1 = Nd4j.create(DataType.FLOAT, n, 26, 26, 32);
            dx = Nd4j.create(DataType.FLOAT, n, HEIGHT, WIDTH, 1);
            gate2 = Nd4j.create(DataType.FLOAT, n, 128);
            gate1 = Nd4j.create(DataType.FLOAT, n, 9216);
            gateA1 = Nd4j.create(DataType.FLOAT, n, 26, 26, 32);
            poolBp = op("maxpool2d_bp", new INDArray[] {a2, dd1.reshape(n, 12, 12, 64)}, new INDArray[] {da2},
                    POOL_ARGS);
            conv2Bp = op("conv2d_bp", new INDArray[] {a1, p.w2, p.b2, da2}, new INDArray[] {da1, g.w2, g.b2},
                    CONV_ARGS);
            conv1Bp = op("conv2d_bp", new INDArray[] {x, p.w1, p.b1, da1}, new INDArray[] {dx, g.w1, g.b1},
                    CONV_ARGS);
        }
    }
}
