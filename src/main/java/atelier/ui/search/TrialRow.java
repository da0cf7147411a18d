package atelier.ui.search;

import atelier.search.Trial;

/** A row of the trials table: what a trial is and how far it got. Accuracy NaN until its first rung. */
public record TrialRow(int id, String design, int rung, double validationAccuracy, long parameters,
                       double imagesPerSecond, double seconds, String status, boolean pareto, Trial trial) {

    static TrialRow of(Trial trial, boolean pareto) {
        return new TrialRow(trial.id(), trial.point().summary(), trial.rung(), trial.validationAccuracy(),
                trial.parameters(), trial.imagesPerSecond(), trial.seconds(), trial.status(), pareto, trial);
    }
}
