package atelier.engine;

import atelier.model.Nonlinearity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The nonlinearities of {@link Nonlinearity}, in place, and their backward from the activation's output (all four
 * have a derivative that the output alone gives, so no input needs keeping).
 */
final class Activations {
    private Activations() {
    }

    static void forward(Nonlinearity f, INDArray a) {
        switch (f) {
            case NONE -> {
            }
            case RELU -> Nd4j.exec(new RectifiedLinear(a, a, 0.0));
            case TANH -> Nd4j.exec(new Tanh(a, a));
            case SIGMOID -> Nd4j.exec(new Sigmoid(a, a));
            default -> throw new IllegalArgumentException("unknown nonlinearity " + f);
        }
    }

    /**
     * {@code gradient *= f'(.)}, computed from the output through the scratch {@code gate}. For ReLU a step
     * function and a pairwise multiply: libnd4j's {@code relu_bp} was 2-3x slower here.
     */
    static void backward(Nonlinearity f, INDArray output, INDArray gradient, INDArray gate) {
        switch (f) {
            case NONE -> {
                return;
            }
            case RELU -> Nd4j.exec(new Step(output, gate, 0.0));
            case TANH -> gate.assign(output).muli(output).rsubi(1.0);
            case SIGMOID -> gate.assign(output).rsubi(1.0).muli(output);
            default -> throw new IllegalArgumentException("unknown nonlinearity " + f);
        }
        Nd4j.exec(new MulOp(gradient, gate, gradient));
    }
}
