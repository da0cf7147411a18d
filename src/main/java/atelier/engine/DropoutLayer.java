package atelier.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout with PyTorch's meaning of the rate (the probability of dropping a value): in training each value
 * is kept with probability 1 - rate and scaled by 1 / (1 - rate); in inference the layer passes its input through.
 */
final class DropoutLayer extends EngineLayer {
    private final double keep;
    private final Random random;

    DropoutLayer(String name, Dims in, double rate, Random random) {
        super(name, in, in);
        this.keep = 1.0 - rate;
        this.random = random;
    }

    @Override
    Pass pass(int n) {
        return new Pass() {
            private INDArray output;
            private INDArray mask;
            private boolean dropped;

            @Override
            public INDArray forward(INDArray x, Mode mode) {
                dropped = mode == Mode.TRAIN && keep < 1.0;
                if (!dropped) {
                    return x;
                }
                if (mask == null) {
                    output = buffer(in.batch(n));
                    mask = buffer(output.shape());
                }
                Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep), random);
                mask.muli(1.0 / keep);
                Nd4j.exec(new MulOp(x.reshape(mask.shape()), mask, output));
                return output;
            }

            @Override
            public INDArray backward(INDArray dy, boolean wantInputGradient) {
                if (!dropped) {
                    return dy;
                }
                INDArray gradient = dy.reshape(mask.shape());
                Nd4j.exec(new MulOp(gradient, mask, gradient));
                return gradient;
            }
        };
    }
}
