package atelier.study;

import atelier.train.TrainingListener;

/**
 * What a running study reports. Called on the study's and the training service's threads: implementations hand
 * the news on (the UI coalesces it) and never block.
 */
public interface StudyListener {
    StudyListener NONE = new StudyListener() { };

    /**
     * Where the whole study stands while a run trains.
     *
     * @param fraction          share of the study's training images seen so far, in [0, 1]
     * @param studySecondsLeft  the run's time left plus the remaining runs' images at the current run's speed
     */
    record Progress(int step, int steps, String stepTitle, TrainingListener.IterationProgress run, double fraction,
                    double studySecondsLeft) {
    }

    default void stepStarted(int index, int count, StudyStep step) {
    }

    default void progress(Progress progress) {
    }

    /** A step ended (done, skipped or failed) and the state is saved. */
    default void stepFinished(StudyStep step, StepState state) {
    }

    /** A line worth showing: what a step found, or why it was skipped. */
    default void message(String line) {
    }
}
