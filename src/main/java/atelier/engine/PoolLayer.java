package atelier.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/** Max pooling with partial border windows dropped (floor), on libnd4j's {@code maxpool2d(_bp)}. */
final class PoolLayer extends EngineLayer {
    private final int size;
    private final int stride;
    /**
     * Set when the layer below ends in a ReLU. Max-pool routes each gradient to its window's maximum, whose ReLU
     * passes gradient exactly when the pooled value is &gt; 0; so the ReLU's gate is applied here, on the pooled
     * map (a quarter of the values for 2×2 windows), and the layer below skips it.
     */
    boolean gatesReluBelow;

    PoolLayer(String name, Dims in, int size, int stride) {
        super(name, in, new Dims((in.height() - size) / stride + 1, (in.width() - size) / stride + 1, in.channels()));
        this.size = size;
        this.stride = stride;
    }

    private int[] arguments() {
        return new int[] {size, size, stride, stride, 0, 0, 1, 1, 0, 0, 1};
    }

    @Override
    Pass pass(int n) {
        return new Pass() {
            private final INDArray output = buffer(n, out.height(), out.width(), out.channels());
            private INDArray inputGradient;
            private INDArray gate;
            private INDArray input;

            @Override
            public INDArray forward(INDArray x, Mode mode) {
                input = x.reshape(n, in.height(), in.width(), in.channels());
                Nd4j.exec(DynamicCustomOp.builder("maxpool2d").addInputs(x).addOutputs(output)
                        .addIntegerArguments(arguments()).build());
                return output;
            }

            @Override
            public INDArray backward(INDArray dy, boolean wantInputGradient) {
                if (inputGradient == null) {
                    inputGradient = buffer(n, in.height(), in.width(), in.channels());
                    gate = buffer(output.shape());
                }
                INDArray gradient = dy.reshape(output.shape());
                if (gatesReluBelow) {
                    Nd4j.exec(new Step(output, gate, 0.0));
                    Nd4j.exec(new MulOp(gradient, gate, gradient));
                }
                Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(input, gradient).addOutputs(inputGradient)
                        .addIntegerArguments(arguments()).build());
                return inputGradient;
            }
        };
    }
}
