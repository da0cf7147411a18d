package atelier.train;

import java.nio.file.Path;

/**
 * What a run reports while it goes. Called on the training thread: implementations hand the news on (the UI
 * coalesces it to a few updates a second) and never block.
 */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() { };

    /** Where training stands after a batch. */
    record IterationProgress(int epoch, int epochs, int batch, int batchesPerEpoch, long iteration, double loss,
                             double imagesPerSecond, double secondsLeft) {
    }

    default void started(Path runFolder, RunRecord record) {
    }

    default void iteration(IterationProgress progress) {
    }

    /** Also called with the test-set evaluation under way: {@code evaluating} true, metrics null. */
    default void evaluating(int epoch) {
    }

    default void epochFinished(EpochMetrics metrics, RunRecord record) {
    }

    default void finished(RunRecord record) {
    }
}
