package atelier.search;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a search stands, as {@code searches/<name>/state.json} holds it: written atomically after every change,
 * so that after a crash or kill -9 the search resumes from its last finished segment.
 *
 * @param samplesDrawn  points of the quasi-random sequence used so far (trained or skipped)
 * @param spentSeconds  wall-clock seconds of the budget spent on trials
 * @param finalSeconds  seconds of the final retraining so far
 * @param finalPlan     the final retraining, as announced when the search started
 * @param mean          pixel statistics of the training part, which every trial's images are normalized with
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchState(int schemaVersion, String name, String created, SearchSettings settings, Phase phase,
                          int samplesDrawn, double spentSeconds, double finalSeconds, List<Trial> trials,
                          List<Skipped> skipped, List<Finalist> finalists, String finalPlan, float mean, float std,
                          String message) {
    public static final int SCHEMA_VERSION = 1;

    public enum Phase {
        /** Trials are trained within the budget. */
        SEARCHING,
        /** The budget is spent; the Pareto set is being retrained on the whole training set. */
        RETRAINING,
        DONE
    }

    public SearchState {
        trials = trials == null ? List.of() : List.copyOf(trials);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        finalists = finalists == null ? List.of() : List.copyOf(finalists);
    }

    public Optional<Trial> trial(int id) {
        return trials.stream().filter(t -> t.id() == id).findFirst();
    }

    public SearchState withTrial(Trial trial) {
        List<Trial> updated = new ArrayList<>(trials);
        updated.removeIf(t -> t.id() == trial.id());
        updated.add(trial);
        updated.sort(java.util.Comparator.comparingInt(Trial::id));
        return new SearchState(schemaVersion, name, created, settings, phase, samplesDrawn, spentSeconds,
                finalSeconds, updated, skipped, finalists, finalPlan, mean, std, message);
    }

    public SearchState withSkipped(Skipped point) {
        List<Skipped> updated = new ArrayList<>(skipped);
        updated.add(point);
        return new SearchState(schemaVersion, name, created, settings, phase, samplesDrawn, spentSeconds,
                finalSeconds, trials, updated, finalists, finalPlan, mean, std, message);
    }

    public SearchState withSamplesDrawn(int drawn) {
        return new SearchState(schemaVersion, name, created, settings, phase, drawn, spentSeconds, finalSeconds,
                trials, skipped, finalists, finalPlan, mean, std, message);
    }

    public SearchState withSpent(double spent, double finalSpent) {
        return new SearchState(schemaVersion, name, created, settings, phase, samplesDrawn, spent, finalSpent,
                trials, skipped, finalists, finalPlan, mean, std, message);
    }

    public SearchState withPhase(Phase newPhase, String newMessage) {
        return new SearchState(schemaVersion, name, created, settings, newPhase, samplesDrawn, spentSeconds,
                finalSeconds, trials, skipped, finalists, finalPlan, mean, std, newMessage);
    }

    public SearchState withFinalists(List<Finalist> newFinalists) {
        return new SearchState(schemaVersion, name, created, settings, phase, samplesDrawn, spentSeconds,
                finalSeconds, trials, skipped, newFinalists, finalPlan, mean, std, message);
    }

    /** After an interruption: segments that were under way are dropped, to be trained again. */
    public SearchState withoutRunningSegments() {
        return new SearchState(schemaVersion, name, created, settings, phase, samplesDrawn, spentSeconds,
                finalSeconds, trials.stream().map(Trial::withoutRunning).toList(), skipped, finalists, finalPlan,
                mean, std, message);
    }

    /** Every completed rung result, for the successive-halving decisions. */
    public List<SuccessiveHalving.Result> results() {
        List<SuccessiveHalving.Result> results = new ArrayList<>();
        for (Trial trial : trials) {
            for (Segment segment : trial.segments()) {
                if (segment.completed()) {
                    results.add(new SuccessiveHalving.Result(trial.id(), segment.rung(), segment.validationAccuracy()));
                } else if (Segment.FAILED.equals(segment.status())) {
                    results.add(new SuccessiveHalving.Result(trial.id(), segment.rung(), Double.NaN));
                }
            }
        }
        return results;
    }

    /** How many trials completed each rung, from rung 0 up. */
    public int[] trialsPerRung() {
        int[] counts = new int[settings.maxRung() + 1];
        for (Trial trial : trials) {
            for (Segment segment : trial.segments()) {
                if (segment.completed() && segment.rung() < counts.length) {
                    counts[segment.rung()]++;
                }
            }
        }
        return counts;
    }
}
