package atelier.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What became of one step, kept in {@code state.json}.
 *
 * @param run         the run folder's name in the workspace's runs/ (steps that train, and RUN steps)
 * @param message     the finding, the reason for a skip or a failure, or what the step did
 * @param checkpoint  weights a PRETRAINED_VGG16 step made without a run of its own (ImageNet), or null
 * @param interrupted run folders of earlier tries that could not be continued (no usable checkpoint) and were
 *                    trained again from the start
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepState(StepStatus status, String run, String message, String checkpoint, List<String> interrupted,
                        String finished) {

    public StepState {
        status = status == null ? StepStatus.PENDING : status;
        interrupted = interrupted == null ? List.of() : List.copyOf(interrupted);
    }

    public static StepState pending() {
        return new StepState(StepStatus.PENDING, null, null, null, List.of(), null);
    }

    public StepState running(String runFolder) {
        return new StepState(StepStatus.RUNNING, runFolder, message, checkpoint, interrupted, null);
    }

    public StepState ended(StepStatus newStatus, String newMessage) {
        return new StepState(newStatus, run, newMessage, checkpoint, interrupted, java.time.Instant.now().toString());
    }

    public StepState withCheckpoint(String file) {
        return new StepState(status, run, message, file, interrupted, finished);
    }

    public StepState withMessage(String newMessage) {
        return new StepState(status, run, newMessage, checkpoint, interrupted, finished);
    }

    /** Back to pending with its run kept: the step continues that run from its last checkpoint. */
    public StepState interrupted(String why) {
        return new StepState(StepStatus.PENDING, run, why, checkpoint, interrupted, null);
    }

    /** Moves the current run to the interrupted list: the step will train again from the start. */
    public StepState restarted() {
        List<String> earlier = new java.util.ArrayList<>(interrupted);
        if (run != null) {
            earlier.add(run);
        }
        return new StepState(StepStatus.PENDING, null, message, checkpoint, earlier, null);
    }
}
