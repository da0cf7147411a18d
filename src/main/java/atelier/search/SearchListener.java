package atelier.search;

import atelier.train.TrainingListener;

/**
 * What a running search reports. Called on the search's and the training service's threads: implementations hand
 * the news on (the tab coalesces it to a few updates a second) and never block.
 */
public interface SearchListener {
    SearchListener NONE = new SearchListener() { };

    /** The state changed and was saved: a trial started, a rung finished, the phase changed. */
    default void changed(SearchState state) {
    }

    /** A batch of a trial segment (trial -1: a final retraining of {@code rung} = the trial's id) finished. */
    default void progress(int trial, int rung, TrainingListener.IterationProgress progress) {
    }

    /** A line worth telling the user (what starts, what was skipped and why). */
    default void note(String line) {
    }
}
