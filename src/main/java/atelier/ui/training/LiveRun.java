package atelier.ui.training;

import atelier.train.EpochMetrics;
import atelier.train.RunCurves;
import atelier.train.RunRecord;
import atelier.train.TrainingListener;
import java.nio.file.Path;

/**
 * Collects what the training thread reports, for the FX thread to pick up on its own schedule (a few times a
 * second): the training thread only writes fields, it never waits on the screen.
 */
final class LiveRun implements TrainingListener {
    final RunCurves.FloatList losses = new RunCurves.FloatList();
    volatile IterationProgress progress;
    volatile RunRecord record;
    volatile Path folder;
    volatile boolean evaluating;
    volatile boolean done;

    @Override
    public void started(Path runFolder, RunRecord initial) {
        folder = runFolder;
        record = initial;
    }

    @Override
    public void iteration(IterationProgress now) {
        evaluating = false;
        losses.add((float) now.loss());
        progress = now;
    }

    @Override
    public void evaluating(int epoch) {
        evaluating = true;
    }

    @Override
    public void epochFinished(EpochMetrics metrics, RunRecord updated) {
        evaluating = false;
        record = updated;
    }

    @Override
    public void finished(RunRecord last) {
        record = last;
        done = true;
    }
}
