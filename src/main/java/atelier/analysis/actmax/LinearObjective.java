package atelier.analysis.actmax;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The loss L = −Σ weights·a of a probe network's last activations a, with the "labels" as the weights: a one-hot row
 * selects a unit, a channel mask filled with 1/(h·w) selects a channel's mean. Its input gradient is therefore
 * −d(unit)/d(input), which DL4J's {@code calculateGradients} computes for any network without our own backprop.
 * DL4J's loss layers accept any {@link ILossFunction}; none of the built-in ones is linear in the activations.
 */
final class LinearObjective implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray activations = activationFn.getActivation(preOutput.dup(), false);
        return activations.muli(labels).sum(1).negi().reshape(preOutput.size(0), 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return activationFn.backprop(preOutput.dup(), labels.neg()).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return Pair.of(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "linear objective";
    }

    @Override
    public String toString() {
        return name();
    }
}
