package atelier.engine;

import atelier.model.Nonlinearity;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer: out = f(x·W + b) with W [inputs, units] (DL4J's layout, the transpose of PyTorch's
 * Linear.weight). An image input is flattened in the engine's (row, column, channel) order; the weight exchange
 * with DL4J ({@link Dl4jWeights}) permutes the rows from DL4J's (channel, row, column).
 */
final class DenseLayer extends EngineLayer {
    final Nonlinearity activation;
    private INDArray weights;
    private INDArray bias;
    private INDArray weightGradient;
    private INDArray biasGradient;

    DenseLayer(String name, Dims in, int units, Nonlinearity activation) {
        super(name, in, Dims.vector(units));
        this.activation = activation;
    }

    @Override
    List<long[]> parameterShapes() {
        return List.of(new long[] {in.size(), out.channels()}, new long[] {out.channels()});
    }

    @Override
    void bind(List<INDArray> parameters, List<INDArray> gradients, List<INDArray> statistics) {
        weights = parameters.get(0);
        bias = parameters.get(1);
        weightGradient = gradients.get(0);
        biasGradient = gradients.get(1);
    }

    @Override
    Pass pass(int n) {
        return new Pass() {
            private final INDArray output = buffer(n, out.channels());
            private INDArray inputGradient;
            private INDArray gate;
            private INDArray input;

            @Override
            public INDArray forward(INDArray x, Mode mode) {
                input = x.reshape(n, in.size());
                Nd4j.gemm(input, weights, output, false, false, 1.0, 0.0);
                output.addiRowVector(bias);
                Activations.forward(activation, output);
                return output;
            }

            @Override
            public INDArray backward(INDArray dy, boolean wantInputGradient) {
                if (gate == null && activation != Nonlinearity.NONE) {
                    gate = buffer(output.shape());
                }
                Activations.backward(activation, output, dy, gate);
                Nd4j.gemm(input, dy, weightGradient, true, false, 1.0, 0.0);
                dy.sum(biasGradient, 0);
                if (!wantInputGradient) {
                    return null;
                }
                if (inputGradient == null) {
                    inputGradient = buffer(n, in.size());
                }
                Nd4j.gemm(dy, weights, inputGradient, false, true, 1.0, 0.0);
                return inputGradient.reshape(in.batch(n));
            }
        };
    }
}
