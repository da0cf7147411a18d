package atelier.engine;

import atelier.model.LayerSpec;
import atelier.model.Nonlinearity;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * x + conv2(relu(conv1(x))), then the block's nonlinearity; both convolutions keep channels and size (SAME, stride
 * 1). The input fans out to the first convolution and to the sum, so its gradient is the sum of the two paths'.
 * The convolutions are named {@code <block>_conv1} and {@code <block>_conv2}, as in the DL4J graph.
 */
final class ResidualBlock extends EngineLayer {
    private final ConvLayer first;
    private final ConvLayer second;
    private final Nonlinearity activation;

    ResidualBlock(String name, Dims in, int kernel, Nonlinearity activation) {
        super(name, in, in);
        this.first = new ConvLayer(name + "_conv1", in, in.channels(), kernel, 1, LayerSpec.Padding.SAME,
                Nonlinearity.RELU);
        this.second = new ConvLayer(name + "_conv2", in, in.channels(), kernel, 1, LayerSpec.Padding.SAME,
                Nonlinearity.NONE);
        this.activation = activation;
    }

    @Override
    List<EngineLayer> parts() {
        return List.of(first, second);
    }

    @Override
    Pass pass(int n) {
        Pass one = first.pass(n);
        Pass two = second.pass(n);
        return new Pass() {
            private final Pass firstPass = part(one);
            private final Pass secondPass = part(two);
            private INDArray output;
            private INDArray gate;

            @Override
            public INDArray forward(INDArray input, Mode mode) {
                INDArray x = input.reshape(n, in.height(), in.width(), in.channels());
                output = secondPass.forward(firstPass.forward(x, mode), mode);
                output.addi(x);
                Activations.forward(activation, output);
                return output;
            }

            @Override
            public INDArray backward(INDArray gradient, boolean wantInputGradient) {
                INDArray dy = gradient.reshape(output.shape());
                if (activation != Nonlinearity.NONE) {
                    if (gate == null) {
                        gate = buffer(output.shape());
                    }
                    Activations.backward(activation, output, dy, gate);
                }
                INDArray throughConvolutions = firstPass.backward(secondPass.backward(dy, true), true);
                return throughConvolutions.addi(dy);
            }
        };
    }
}
