package atelier.train;

import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The DL4J updater for a run's optimizer. It starts at the run's learning rate; the training loop moves the rate
 * along the run's schedule ({@link LearningRateSchedule}) through {@link TrainableModel#setLearningRate}.
 */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * The closest DL4J stock updater, for the configuration of networks the engine trains: it is only what a DL4J
     * program would continue with after loading a checkpoint (the engine runs its own optimizer), and being stock
     * it needs none of Atelier's classes to load.
     */
    public static IUpdater stockUpdater(RunSpec spec) {
        return switch (spec.optimizer()) {
            case "adadelta" -> new AdaDelta(0.9, 1e-6);
            case "sgd" -> new Nesterovs(spec.learningRate(), spec.momentum());
            case "adam" -> new Adam(spec.learningRate());
            default -> throw new IllegalArgumentException("unknown optimizer " + spec.optimizer());
        };
    }

    public static IUpdater updater(RunSpec spec) {
        return switch (spec.optimizer()) {
            case "adadelta" -> new AdaDeltaWithLearningRate(spec.learningRate());
            // DL4J's momentum SGD is Nesterov's variant; PyTorch's SGD(momentum=...) is the classical one
            case "sgd" -> new Nesterovs(spec.learningRate(), spec.momentum());
            case "adam" -> new Adam(spec.learningRate());
            default -> throw new IllegalArgumentException("unknown optimizer " + spec.optimizer());
        };
    }
}
