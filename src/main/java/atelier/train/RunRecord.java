package atelier.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The run.json of a run folder: what was asked (spec), on what (dataset state, environment), and what came out
 * (per-epoch metrics, best epoch by test accuracy; 0 while there is none). Written atomically after every epoch; {@code schemaVersion} lets later versions
 * read older runs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecord(int schemaVersion, String id, String created, RunStatus status, String message,
                        RunSpec spec, DatasetState data, RunEnvironment environment, List<String> frozenLayers,
                        List<EpochMetrics> epochs, int bestEpoch, double bestTestAccuracy) {
    public static final int SCHEMA_VERSION = 1;

    public RunRecord {
        frozenLayers = frozenLayers == null ? List.of() : List.copyOf(frozenLayers);
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
    }

    public RunRecord withEpochs(List<EpochMetrics> newEpochs, RunStatus newStatus, String newMessage) {
        int best = 0;
        double bestAccuracy = 0;
        for (EpochMetrics e : newEpochs) {
            if (best == 0 || e.testAccuracy() > bestAccuracy) {
                bestAccuracy = e.testAccuracy();
                best = e.epoch();
            }
        }
        return new RunRecord(schemaVersion, id, created, newStatus, newMessage, spec, data, environment,
                frozenLayers, newEpochs, best, bestAccuracy);
    }

    /**
     * Whether {@code train --resume} can continue this run: it stopped before its last epoch because it was
     * interrupted, cancelled or failed (not diverged: the same steps would diverge again).
     */
    public boolean resumable() {
        return (status == RunStatus.INTERRUPTED || status == RunStatus.CANCELLED || status == RunStatus.FAILED)
                && epochs.size() < spec.epochs();
    }

    public RunRecord withSpec(RunSpec newSpec) {
        return new RunRecord(schemaVersion, id, created, status, message, newSpec, data, environment,
                frozenLayers, epochs, bestEpoch, bestTestAccuracy);
    }

    public RunRecord withStatus(RunStatus newStatus, String newMessage) {
        return new RunRecord(schemaVersion, id, created, newStatus, newMessage, spec, data, environment,
                frozenLayers, epochs, bestEpoch, bestTestAccuracy);
    }
}
