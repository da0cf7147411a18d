package atelier.search;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of a trial that took it to a rung: one run in the workspace that went on from the last rung's
 * checkpoint, trained on the next images of the trial's stream and was scored on the validation images.
 *
 * @param images  images the trial has seen in all when this segment ends (the rung's budget)
 * @param status  running, completed, failed, or cut (stopped by the end of the budget; it does not count)
 * @param run     the run folder's name in the workspace
 * @param seconds wall-clock seconds of the whole segment: building the network, training and validation
 * @param finishedAt seconds of the search's budget spent when it ended (0 while running)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Segment(int rung, long images, String status, String run, double validationAccuracy,
                      double validationLoss, double trainAccuracy, double seconds, double imagesPerSecond,
                      String message, double finishedAt) {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CUT = "cut";

    public static Segment running(int rung, long images, String run) {
        return new Segment(rung, images, RUNNING, run, Double.NaN, Double.NaN, Double.NaN, 0, 0, null, 0);
    }

    @JsonIgnore
    public boolean completed() {
        return COMPLETED.equals(status);
    }

    @JsonIgnore
    public boolean isRunning() {
        return RUNNING.equals(status);
    }
}
