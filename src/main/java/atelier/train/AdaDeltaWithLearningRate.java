package atelier.train;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdaDeltaUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Adadelta as PyTorch has it: the AdaDelta step scaled by a learning rate that may follow a schedule. DL4J's own
 * AdaDelta has no learning rate, so the pytorch/examples recipe (Adadelta lr 1.0, StepLR gamma 0.7 per epoch) could
 * not be expressed with it; this wraps DL4J's updater and scales its output.
 */
public final class AdaDeltaWithLearningRate implements IUpdater {
    private static final long serialVersionUID = 1L;

    private double rho = 0.9;
    private double epsilon = 1e-6;
    private double learningRate = 1.0;
    private ISchedule learningRateSchedule;

    /** For DL4J's configuration (de)serialization. */
    public AdaDeltaWithLearningRate() {
    }

    /** PyTorch's defaults (rho 0.9, epsilon 1e-6), at a learning rate the training loop moves. */
    public AdaDeltaWithLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public long stateSize(long numParams) {
        return 2 * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Scaled updater = new Scaled(this);
        // the view holds two state arrays (msg, msdx) side by side, each the size of the gradient
        long[] gradientShape = viewArray.shape().clone();
        gradientShape[gradientShape.length - 1] /= 2;
        updater.setStateViewArray(viewArray, gradientShape, viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
        Scaled updater = new Scaled(this);
        updater.setState(state, initialize);
        return updater;
    }

    @Override
    public AdaDeltaWithLearningRate clone() {
        AdaDeltaWithLearningRate copy = new AdaDeltaWithLearningRate();
        copy.rho = rho;
        copy.epsilon = epsilon;
        copy.learningRate = learningRate;
        copy.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        return copy;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule schedule) {
        this.learningRate = lr;
        this.learningRateSchedule = schedule;
    }

    public double getRho() {
        return rho;
    }

    public void setRho(double rho) {
        this.rho = rho;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    public void setLearningRateSchedule(ISchedule learningRateSchedule) {
        this.learningRateSchedule = learningRateSchedule;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AdaDeltaWithLearningRate o && o.rho == rho && o.epsilon == epsilon
                && o.learningRate == learningRate && Objects.equals(o.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rho, epsilon, learningRate, learningRateSchedule);
    }

    /** DL4J's AdaDelta step, then multiplied by the learning rate of this iteration and epoch. */
    private static final class Scaled implements GradientUpdater<AdaDeltaWithLearningRate> {
        private final AdaDeltaWithLearningRate config;
        private final AdaDeltaUpdater delegate;

        Scaled(AdaDeltaWithLearningRate config) {
            this.config = config;
            this.delegate = new AdaDeltaUpdater(new AdaDelta(config.rho, config.epsilon));
        }

        @Override
        public AdaDeltaWithLearningRate getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            delegate.setState(state, initialize);
        }

        @Override
        public Map<String, INDArray> getState() {
            return delegate.getState();
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder,
                                      boolean initialize) {
            delegate.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            delegate.applyUpdater(gradient, iteration, epoch);
            double lr = config.getLearningRate(iteration, epoch);
            if (lr != 1.0) {
                gradient.muli(lr);
            }
        }
    }
}
