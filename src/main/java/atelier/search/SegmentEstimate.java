package atelier.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How long work will take, from the speeds the search has measured: a segment is its images over the trial's
 * training speed (a new trial's: the median of rung 0) plus the median fixed cost of a segment (building the
 * network, loading the checkpoint, scoring the validation images). The search starts nothing that would end past
 * its budget, and announces the final retraining's time from the finalists' own speeds.
 */
final class SegmentEstimate {
    private SegmentEstimate() {
    }

    /** Seconds the job will take; 0 while nothing has been measured (the first trial always starts). */
    static double seconds(SearchState state, SuccessiveHalving.Job job, SuccessiveHalving halving) {
        long rungZero = state.settings().rungZeroImages();
        long images = halving.budget(rungZero, job.rung()) - (job.rung() == 0 ? 0
                : halving.budget(rungZero, job.rung() - 1));
        double speed = job.isNewTrial() ? Double.NaN
                : state.trial(job.trial()).map(Trial::imagesPerSecond).orElse(Double.NaN);
        if (Double.isNaN(speed)) {
            speed = median(completed(state).stream().filter(s -> s.rung() == 0).map(Segment::imagesPerSecond)
                    .toList());
        }
        if (Double.isNaN(speed) || speed <= 0) {
            return 0;
        }
        return images / speed + fixedCost(state);
    }

    /** The median seconds of a segment beyond its training images; 0 before any. */
    static double fixedCost(SearchState state) {
        List<Double> costs = new ArrayList<>();
        for (Segment s : completed(state)) {
            if (s.imagesPerSecond() > 0) {
                long previous = previousImages(state, s);
                costs.add(Math.max(0, s.seconds() - (s.images() - previous) / s.imagesPerSecond()));
            }
        }
        double median = median(costs);
        return Double.isNaN(median) ? 0 : median;
    }

    /**
     * The final retraining's time: each finalist's images at its own measured speed, plus the fixed cost of a
     * segment scaled to what a final run scores (the test set after every epoch, where a segment scored the
     * validation images once).
     */
    static String finalPlan(SearchState state, List<Finalist> finalists, ValidationSplit split, int testImages) {
        int images = split.trainPart().length + split.validation().length;
        int epochs = state.settings().finalEpochs();
        double scoring = Math.max(1.0, (double) epochs * testImages / Math.max(1, split.validation().length));
        double fixed = fixedCost(state) * scoring;
        double seconds = 0;
        int workers = state.settings().workers();
        // finalists train `workers` at a time: each group takes as long as its slowest
        for (int from = 0; from < finalists.size(); from += workers) {
            double group = 0;
            for (Finalist f : finalists.subList(from, Math.min(finalists.size(), from + workers))) {
                double speed = state.trial(f.trial()).map(Trial::imagesPerSecond).orElse(Double.NaN);
                group = Math.max(group, Double.isNaN(speed) || speed <= 0 ? 0
                        : (double) images * epochs / speed + fixed);
            }
            seconds += group;
        }
        return String.format(Locale.ROOT, "after %d trials: retraining %d of the Pareto set on %,d "
                + "images for %d epoch%s each, about %s at their measured speeds", state.trials().size(),
                finalists.size(), images, epochs, epochs == 1 ? "" : "s", minutes(seconds / 60));
    }

    static String minutes(double minutes) {
        if (minutes < 1) {
            return String.format(Locale.ROOT, "%.0f s", minutes * 60);
        }
        return String.format(Locale.ROOT, minutes == Math.rint(minutes) ? "%.0f min" : "%.1f min", minutes);
    }

    private static long previousImages(SearchState state, Segment segment) {
        if (segment.rung() == 0) {
            return 0;
        }
        for (Trial trial : state.trials()) {
            if (trial.segments().contains(segment)) {
                return trial.segments().stream().filter(s -> s.rung() == segment.rung() - 1).mapToLong(Segment::images)
                        .findFirst().orElse(0);
            }
        }
        return 0;
    }

    private static List<Segment> completed(SearchState state) {
        return state.trials().stream().flatMap(t -> t.segments().stream()).filter(Segment::completed).toList();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
