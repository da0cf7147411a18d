package atelier.engine;

import atelier.model.Nonlinearity;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization over channels (images: every pixel of every image of the batch) or features (vectors), then
 * the layer's nonlinearity. Training normalizes with the batch's mean and biased variance and updates the running
 * statistics as PyTorch does (momentum 0.1: running = 0.9·running + 0.1·batch, the variance unbiased, M/(M-1));
 * inference uses the running statistics. eps 1e-5 as in PyTorch and in the DL4J network built from the same list.
 * The running statistics are not trained: they live in the network's statistics vector, not in its parameters.
 * In a network split across threads ({@link Shards}) each slice of the batch adds its sums to the others' before
 * normalizing, so the slices see the statistics of the whole batch, as one unsplit batch does.
 * Elementwise passes write into their target directly (x·y into z, not assign-then-multiply). libnd4j's fused
 * {@code batchnorm}/{@code batchnorm_bp} were tried and are slower on this build: at 64×28×28×32 (2 threads)
 * {@code batchnorm_bp} took about 220 ms and {@code batchnorm} about 20 ms, against about 5 ms per elementwise pass.
 */
final class BatchNormLayer extends EngineLayer {
    static final double MOMENTUM = 0.1;
    static final double EPSILON = 1e-5;

    final Nonlinearity activation;
    /** Set when a max-pool follows a ReLU here; see {@link PoolLayer#gatesReluBelow}. */
    boolean activationLeftToPool;
    private INDArray gamma;
    private INDArray beta;
    private INDArray gammaGradient;
    private INDArray betaGradient;
    private INDArray runningMean;
    private INDArray runningVariance;
    /** Where the replicas of a data-parallel network add up their batch sums; null in a network of one. */
    private ShardExchange exchange;
    private int shard;

    BatchNormLayer(String name, Dims in, Nonlinearity activation) {
        super(name, in, in);
        this.activation = activation;
    }

    @Override
    boolean leavesReluToPool() {
        return activationLeftToPool;
    }

    @Override
    List<long[]> parameterShapes() {
        return List.of(new long[] {in.channels()}, new long[] {in.channels()});
    }

    @Override
    List<long[]> statisticShapes() {
        return List.of(new long[] {in.channels()}, new long[] {in.channels()});
    }

    @Override
    void bind(List<INDArray> parameters, List<INDArray> gradients, List<INDArray> statistics) {
        gamma = parameters.get(0);
        beta = parameters.get(1);
        gammaGradient = gradients.get(0);
        betaGradient = gradients.get(1);
        runningMean = statistics.get(0);
        runningVariance = statistics.get(1);
    }

    /**
     * Makes this layer the copy of replica {@code shard}: in training it normalizes with the statistics of the
     * whole batch, its slice's sums added to the other slices' through {@code exchange}, and only replica 0 updates
     * the running statistics (which all replicas share).
     */
    void joinShards(ShardExchange shardExchange, int shardIndex) {
        this.exchange = shardExchange;
        this.shard = shardIndex;
    }

    /**
     * This slice's per-channel sums with its row count appended, added to the other slices' (in a network that
     * is not split, this slice's own).
     */
    private float[] sumOverShards(float[] sums, long rows) {
        float[] own = java.util.Arrays.copyOf(sums, sums.length + 1);
        own[sums.length] = rows;
        return exchange == null ? own : exchange.sum(shard, own);
    }

    private static INDArray channels(float[] sums, double divisor) {
        float[] values = new float[sums.length - 1];
        for (int c = 0; c < values.length; c++) {
            values[c] = (float) (sums[c] / divisor);
        }
        return Nd4j.createFromArray(values);
    }

    /** A fresh layer starts as PyTorch's: gamma 1, beta 0, running mean 0, running variance 1. */
    void initialise() {
        gamma.assign(1);
        beta.assign(0);
        runningMean.assign(0);
        runningVariance.assign(1);
    }

    @Override
    Pass pass(int n) {
        long rows = n * in.height() * (long) in.width();
        int channels = in.channels();
        return new Pass() {
            private final INDArray normalized = buffer(rows, channels);
            private final INDArray output = buffer(rows, channels);
            private final ColumnSums columnSums = new ColumnSums(rows, this::buffer);
            private INDArray inputGradient;
            private INDArray gate;
            private INDArray inverseStd;
            private Mode mode;
            /** Images' pixels over which the last training forward took its statistics: the whole batch's. */
            private double batchRows;

            @Override
            public INDArray forward(INDArray x, Mode forwardMode) {
                mode = forwardMode;
                INDArray values = x.reshape(rows, channels);
                if (mode == Mode.TRAIN) {
                    float[] sums = sumOverShards(columnSums.of(values), rows);
                    batchRows = sums[sums.length - 1];
                    INDArray mean = channels(sums, batchRows);
                    Nd4j.exec(new BroadcastSubOp(values, mean, normalized, 1));
                    Nd4j.exec(new MulOp(normalized, normalized, output));
                    INDArray variance = channels(sumOverShards(columnSums.of(output), rows), batchRows);
                    inverseStd = Transforms.pow(variance.add(EPSILON), -0.5, false);
                    normalized.muliRowVector(inverseStd);
                    if (shard == 0) {
                        runningMean.muli(1 - MOMENTUM).addi(mean.muli(MOMENTUM));
                        double unbiased = batchRows > 1 ? batchRows / (batchRows - 1) : 1.0;
                        runningVariance.muli(1 - MOMENTUM).addi(variance.muli(MOMENTUM * unbiased));
                    }
                } else {
                    inverseStd = Transforms.pow(runningVariance.add(EPSILON), -0.5, false);
                    Nd4j.exec(new BroadcastSubOp(values, runningMean, normalized, 1));
                    normalized.muliRowVector(inverseStd);
                }
                Nd4j.exec(new BroadcastMulOp(normalized, gamma, output, 1));
                output.addiRowVector(beta);
                Activations.forward(activation, output);
                return output.reshape(in.batch(n));
            }

            @Override
            public INDArray backward(INDArray dy, boolean wantInputGradient) {
                if (inputGradient == null) {
                    inputGradient = buffer(output.shape());
                    gate = activation == Nonlinearity.NONE ? null : buffer(output.shape());
                }
                INDArray d = dy.reshape(rows, channels);
                if (!activationLeftToPool) {
                    Activations.backward(activation, output, d, gate);
                }
                columnSums.into(d, betaGradient);
                Nd4j.exec(new MulOp(d, normalized, inputGradient));
                columnSums.into(inputGradient, gammaGradient);
                INDArray scale = gamma.mul(inverseStd);
                if (mode == Mode.TRAIN) {
                    // dx = gamma/std · (dy − mean(dy) − x̂·mean(dy·x̂)), the batch statistics' own gradient included;
                    // the means are the whole batch's, so a slice adds its sums to the other slices' first
                    INDArray betaSum = betaGradient;
                    INDArray gammaSum = gammaGradient;
                    if (exchange != null && exchange.parties() > 1) {
                        int c = channels;
                        float[] own = new float[2 * c];
                        System.arraycopy(betaGradient.toFloatVector(), 0, own, 0, c);
                        System.arraycopy(gammaGradient.toFloatVector(), 0, own, c, c);
                        float[] total = exchange.sum(shard, own);
                        betaSum = Nd4j.createFromArray(java.util.Arrays.copyOfRange(total, 0, c));
                        gammaSum = Nd4j.createFromArray(java.util.Arrays.copyOfRange(total, c, 2 * c));
                    }
                    Nd4j.exec(new BroadcastMulOp(normalized, gammaSum.div(batchRows), inputGradient, 1));
                    Nd4j.exec(new SubOp(d, inputGradient, inputGradient));
                    inputGradient.muliRowVector(scale).subiRowVector(betaSum.mul(scale).divi(batchRows));
                } else {
                    Nd4j.exec(new BroadcastMulOp(d, scale, inputGradient, 1));
                }
                return inputGradient.reshape(in.batch(n));
            }
        };
    }
}
