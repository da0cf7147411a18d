package atelier.search;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A member of the Pareto set retrained on the whole training set after the search and scored on the test set.
 *
 * @param status       planned, running, completed or failed
 * @param testAccuracy the test accuracy after the last epoch (not the best epoch: choosing an epoch by its test
 *                     score would be selecting on the test set)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Finalist(int trial, String layers, long parameters, double validationAccuracy, int epochs,
                       String status, String run, double testAccuracy, double seconds, String message) {
    public static final String PLANNED = "planned";

    public static Finalist planned(Trial trial, int epochs) {
        return new Finalist(trial.id(), trial.layers(), trial.parameters(), trial.validationAccuracy(), epochs,
                PLANNED, null, Double.NaN, 0, null);
    }

    public Finalist finished(String newStatus, String runName, double accuracy, double took, String why) {
        return new Finalist(trial, layers, parameters, validationAccuracy, epochs, newStatus, runName, accuracy, took,
                why);
    }

    public boolean done() {
        return Segment.COMPLETED.equals(status);
    }
}
