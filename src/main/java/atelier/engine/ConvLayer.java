package atelier.engine;

import atelier.model.LayerSpec;
import atelier.model.Nonlinearity;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A square 2-D convolution with bias and a nonlinearity, on libnd4j's {@code conv2d}/{@code conv2d_bp} (oneDNN
 * kernels in the {@code -onednn} CPU builds, cuDNN on CUDA). Weights are [out, in, kh, kw] as in DL4J and PyTorch.
 * SAME padding is libnd4j's (and DL4J's): out = ceil(in / stride), the odd pixel of padding at the bottom and right.
 */
final class ConvLayer extends EngineLayer {
    /**
     * Up to this many input channels, a convolution that needs no input gradient computes its weight gradient from
     * its input's patches ({@link PatchWeightGradient}) instead of {@code conv2d_bp}. Measured at batch 32 on one
     * thread, {@code conv2d_bp} against the patches: 1 → 32 at 28×28 4.1 against 0.8 ms, VGG16's 3 → 64 at 32×32
     * 16.7 against 4.7 ms, 4 → 32 at 32×32 5.9 against 2.2 ms, 8 → 32 at 14×14 2.1 ms both.
     */
    static final int PATCH_CHANNELS = 4;
    private final int filters;
    private final int kernel;
    private final int stride;
    private final LayerSpec.Padding padding;
    final Nonlinearity activation;
    /** Set when a max-pool follows a ReLU: the pool applies the ReLU's gate on its smaller output (exact). */
    boolean activationLeftToPool;
    private INDArray weights;
    private INDArray bias;
    private INDArray weightGradient;
    private INDArray biasGradient;

    ConvLayer(String name, Dims in, int filters, int kernel, int stride, LayerSpec.Padding padding,
              Nonlinearity activation) {
        super(name, in, new Dims(side(in.height(), kernel, stride, padding), side(in.width(), kernel, stride, padding),
                filters));
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.activation = activation;
    }

    static int side(int size, int kernel, int stride, LayerSpec.Padding padding) {
        return padding == LayerSpec.Padding.SAME ? (size + stride - 1) / stride : (size - kernel) / stride + 1;
    }

    @Override
    boolean leavesReluToPool() {
        return activationLeftToPool;
    }

    @Override
    List<long[]> parameterShapes() {
        return List.of(new long[] {filters, in.channels(), kernel, kernel}, new long[] {filters});
    }

    @Override
    void bind(List<INDArray> parameters, List<INDArray> gradients, List<INDArray> statistics) {
        weights = parameters.get(0);
        bias = parameters.get(1);
        weightGradient = gradients.get(0);
        biasGradient = gradients.get(1);
    }

    /** conv2d's integer arguments: kernel, stride, padding (computed by libnd4j for SAME), dilation, mode, NHWC, [oC,iC,kH,kW]. */
    private int[] arguments() {
        return new int[] {kernel, kernel, stride, stride, 0, 0, 1, 1, padding == LayerSpec.Padding.SAME ? 1 : 0, 1, 1};
    }

    /** Rows (and columns) of zeros above (left of) the input: libnd4j's SAME puts the odd one below (right). */
    private int padBefore(int size, int outSize) {
        return padding == LayerSpec.Padding.SAME ? Math.max((outSize - 1) * stride + kernel - size, 0) / 2 : 0;
    }

    @Override
    Pass pass(int n) {
        return new ConvPass(n);
    }

    private final class ConvPass extends Pass {
        private final int n;
        private final INDArray output;
        private INDArray inputGradient;
        private INDArray gate;
        private INDArray input;
        private PatchWeightGradient patchGradient;

        ConvPass(int n) {
            this.n = n;
            output = buffer(n, out.height(), out.width(), out.channels());
        }

        @Override
        public INDArray forward(INDArray x, Mode mode) {
            // a 1x1 map arrives as a vector [n, c] from layers that cannot tell the two apart
            input = x.reshape(n, in.height(), in.width(), in.channels());
            Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, weights, bias).addOutputs(output)
                    .addIntegerArguments(arguments()).build());
            Activations.forward(activation, output);
            return output;
        }

        @Override
        public INDArray backward(INDArray gradient, boolean wantInputGradient) {
            INDArray dy = gradient.reshape(output.shape());
            if (gate == null && activation != Nonlinearity.NONE) {
                // gradient buffers only for batch sizes that train, not for those that only predict
                gate = buffer(output.shape());
            }
            if (!activationLeftToPool) {
                Activations.backward(activation, output, dy, gate);
            }
            if (!wantInputGradient && in.channels() <= PATCH_CHANNELS) {
                if (patchGradient == null) {
                    patchGradient = new PatchWeightGradient(in, out, n, kernel, stride,
                            padBefore(in.height(), out.height()), padBefore(in.width(), out.width()), this::buffer);
                }
                patchGradient.compute(input, dy, weightGradient, biasGradient);
                return null;
            }
            if (inputGradient == null) {
                inputGradient = buffer(n, in.height(), in.width(), in.channels());
            }
            Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(input, weights, bias, dy)
                    .addOutputs(inputGradient, weightGradient, biasGradient).addIntegerArguments(arguments()).build());
            return inputGradient;
        }
    }
}
