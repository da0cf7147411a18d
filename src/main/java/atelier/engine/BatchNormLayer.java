package atelier.engine;

import atelier.model.Nonlinearity;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization over channels (images: every pixel of every image of the batch) or features (vectors), then
 * the layer's nonlinearity. Training normalizes with the batch's mean and biased variance and updates the running
 * statistics as PyTorch does (momentum 0.1: running = 0.9·running + 0.1·batch, the variance unbiased, M/(M-1));
 * inference uses the running statistics. eps 1e-5 as in PyTorch and in the DL4J network built from the same list.
 * The running statistics are not trained: they live in the network's statistics vector, not in its parameters.
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

    /** A fresh layer starts as PyTorch's: gamma 1, beta 0, running mean 0, running variance 1. */
    void initialise() {
        gamma.assign(1);
        beta.assign(0);
        runningMean.assign(0);
        runningVariance.assign(1);
    }

    /** batchnorm(_bp)'s integer arguments: apply gamma, apply beta, the channel axis of the [rows, channels] view. */
    private static final int[] FUSED_ARGUMENTS = {1, 1, 1};

    /**
     * Forward on libnd4j's {@code batchnorm} (one pass; oneDNN in the CPU build, cuDNN on CUDA) with the batch's
     * statistics from two reductions, backward on {@code batchnorm_bp}, whose input gradient includes the batch
     * statistics' own gradient: dx = gamma/std · (dy − mean(dy) − x̂·mean(dy·x̂)). Both were about ten elementwise
     * ND4J passes per map before.
     */
    @Override
    Pass pass(int n) {
        long rows = n * in.height() * (long) in.width();
        int channels = in.channels();
        return new Pass() {
            private final INDArray output = Nd4j.create(DataType.FLOAT, rows, channels);
            private final INDArray mean = Nd4j.create(DataType.FLOAT, channels);
            private final INDArray variance = Nd4j.create(DataType.FLOAT, channels);
            private INDArray meanGradient;
            private INDArray varianceGradient;
            private INDArray inputGradient;
            private INDArray gate;
            private INDArray input;
            private Mode mode;

            @Override
            public INDArray forward(INDArray x, Mode forwardMode) {
                mode = forwardMode;
                input = x.reshape(rows, channels);
                if (mode == Mode.TRAIN) {
                    input.mean(mean, 0);
                    Nd4j.exec(new Variance(input, variance, false, 0));
                    runningMean.muli(1 - MOMENTUM).addi(mean.mul(MOMENTUM));
                    double unbiased = rows > 1 ? (double) rows / (rows - 1) : 1.0;
                    runningVariance.muli(1 - MOMENTUM).addi(variance.mul(MOMENTUM * unbiased));
                } else {
                    mean.assign(runningMean);
                    variance.assign(runningVariance);
                }
                Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(input, mean, variance, gamma, beta)
                        .addOutputs(output).addIntegerArguments(FUSED_ARGUMENTS).addFloatingPointArguments(EPSILON)
                        .build());
                Activations.forward(activation, output);
                return output.reshape(in.batch(n));
            }

            @Override
            public INDArray backward(INDArray dy, boolean wantInputGradient) {
                if (inputGradient == null) {
                    inputGradient = output.ulike();
                    gate = activation == Nonlinearity.NONE ? null : output.ulike();
                    meanGradient = mean.ulike();
                    varianceGradient = variance.ulike();
                }
                INDArray d = dy.reshape(rows, channels);
                if (!activationLeftToPool) {
                    Activations.backward(activation, output, d, gate);
                }
                if (mode == Mode.TRAIN) {
                    Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp").addInputs(input, mean, variance, gamma, beta, d)
                            .addOutputs(inputGradient, meanGradient, varianceGradient, gammaGradient, betaGradient)
                            .addIntegerArguments(FUSED_ARGUMENTS).addFloatingPointArguments(EPSILON).build());
                } else {
                    // fixed statistics: the normalization is affine, dx = gamma/std · dy
                    INDArray inverseStd = Transforms.pow(variance.add(EPSILON), -0.5, false);
                    d.sum(betaGradient, 0);
                    inputGradient.assign(input).subiRowVector(mean).muliRowVector(inverseStd).muli(d)
                            .sum(gammaGradient, 0);
                    inputGradient.assign(d).muliRowVector(gamma.mul(inverseStd));
                }
                return inputGradient.reshape(in.batch(n));
            }
        };
    }
}
