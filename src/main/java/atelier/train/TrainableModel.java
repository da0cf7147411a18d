package atelier.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the training loop needs of a network, whatever builds it (a DL4J network, or a faster hand-built step):
 * a step on a batch at the learning rate the loop sets, class probabilities, an end-of-epoch hook, and saving.
 * Features are [batch, channels*height*width], labels one-hot [batch, classes].
 */
public interface TrainableModel {

    /** The mean loss of a training step and how many of its images were classified right. */
    record StepResult(double loss, int correct) {
    }

    /** One step; keeps no reference to {@code features} or {@code labels} (the loop may free them afterwards). */
    StepResult train(INDArray features, INDArray labels);

    /** Class probabilities in inference mode (no dropout, running batch-norm statistics). */
    INDArray predict(INDArray features);

    /**
     * The learning rate of the steps from now on; the loop sets it before a run's first step and whenever its
     * schedule ({@link LearningRateSchedule}) moves it.
     */
    void setLearningRate(double rate);

    /** Called after every epoch. */
    void finishEpoch();

    /** Writes a checkpoint that {@code --init checkpoint:PATH} and the analysis commands can load. */
    void save(Path file) throws IOException;

    /**
     * Loads parameters and optimizer state from a checkpoint this model wrote after that many epochs; used to resume
     * an interrupted run.
     */
    void restore(Path checkpoint, int completedEpochs) throws IOException;

    /** Names of layers whose parameters do not train. */
    List<String> frozenLayers();

    long parameterCount();

    /**
     * Frees the model's native memory now, for a model nothing will use again (the service closes each run's model
     * once the run has ended and its checkpoints are written); the default leaves it to the garbage collector.
     */
    default void release() {
    }
}
