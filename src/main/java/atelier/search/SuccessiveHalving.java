package atelier.search;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The bookkeeping of asynchronous successive halving (ASHA; Li et al., "A System for Massively Parallel
 * Hyperparameter Tuning", MLSys 2020, Algorithm 2): whenever a worker is free, promote the best not yet promoted
 * trial of the highest rung where it is among the top 1/eta of that rung's results; if there is none, start a new
 * trial at rung 0. Unlike synchronous successive halving it never waits for a rung to fill, so no worker idles and
 * a search cut off by its budget has used all of it. The decision depends only on the results and the jobs under
 * way, so a resumed search decides as the interrupted one would have.
 */
public final class SuccessiveHalving {
    private final int eta;
    private final int maxRung;

    /**
     * @param eta     the reduction factor: a rung promotes the best 1/eta of its trials, each rung's budget is eta
     *                times the last
     * @param maxRung the top rung (0 = plain random search)
     */
    public SuccessiveHalving(int eta, int maxRung) {
        if (eta < 2) {
            throw new IllegalArgumentException("the reduction factor must be at least 2, got " + eta);
        }
        if (maxRung < 0) {
            throw new IllegalArgumentException("the top rung must be 0 or more, got " + maxRung);
        }
        this.eta = eta;
        this.maxRung = maxRung;
    }

    /** A trial's score at a rung; NaN for a trial that failed there (it is counted, never promoted). */
    public record Result(int trial, int rung, double score) {
    }

    /** Train {@code trial} up to {@code rung}; a new trial has no id yet ({@link #NEW_TRIAL}). */
    public record Job(int trial, int rung) {
        public boolean isNewTrial() {
            return trial == NEW_TRIAL;
        }
    }

    public static final int NEW_TRIAL = -1;

    public int eta() {
        return eta;
    }

    public int maxRung() {
        return maxRung;
    }

    /**
     * The next job, or none when no trial may be promoted and no new one may start.
     *
     * @param running     jobs under way (their trials are not promoted again)
     * @param mayAddTrial whether a new trial may start (false once a trial limit is reached)
     */
    public Optional<Job> next(List<Result> results, List<Job> running, boolean mayAddTrial) {
        for (int rung = maxRung - 1; rung >= 0; rung--) {
            int from = rung;
            List<Result> ranked = results.stream().filter(r -> r.rung() == from)
                    .sorted(Comparator.comparingDouble((Result r) -> Double.isNaN(r.score())
                            ? Double.NEGATIVE_INFINITY : r.score()).reversed().thenComparingInt(Result::trial))
                    .toList();
            int promotable = ranked.size() / eta;
            for (int i = 0; i < promotable; i++) {
                Result candidate = ranked.get(i);
                if (!Double.isNaN(candidate.score()) && !reached(candidate.trial(), from + 1, results, running)) {
                    return Optional.of(new Job(candidate.trial(), from + 1));
                }
            }
        }
        return mayAddTrial ? Optional.of(new Job(NEW_TRIAL, 0)) : Optional.empty();
    }

    /** The budget of a rung, in images seen: {@code rungZero} times eta to the rung. */
    public long budget(long rungZero, int rung) {
        return rungZero * (long) Math.pow(eta, rung);
    }

    private static boolean reached(int trial, int rung, List<Result> results, List<Job> running) {
        return results.stream().anyMatch(r -> r.trial() == trial && r.rung() >= rung)
                || running.stream().anyMatch(j -> j.trial() == trial && j.rung() >= rung);
    }
}
