package atelier.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Loss and accuracy from class probabilities and one-hot labels. */
public final class Metrics {
    private static final double SMALLEST_PROBABILITY = 1e-12;

    private Metrics() {
    }

    public static int correct(INDArray probabilities, INDArray labels) {
        INDArray predicted = probabilities.argMax(1);
        INDArray actual = labels.argMax(1);
        return predicted.eq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue();
    }

    /** Summed negative log-likelihood of the true classes (cross-entropy), as PyTorch's nll_loss with sum. */
    public static double summedLoss(INDArray probabilities, INDArray labels) {
        INDArray clipped = Transforms.max(probabilities, SMALLEST_PROBABILITY, true);
        return -Transforms.log(clipped, false).muli(labels).sumNumber().doubleValue();
    }
}
