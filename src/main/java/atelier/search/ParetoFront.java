package atelier.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The trials no other trial beats on both counts: fewer (or as many) parameters and a higher (or as high)
 * validation accuracy, one of them strictly. Each trial counts with the accuracy of the highest rung it reached,
 * so a design stopped early competes with what it showed by then.
 */
public final class ParetoFront {
    private ParetoFront() {
    }

    /** The front, smallest network first. Trials without a completed rung take no part. */
    public static List<Trial> of(List<Trial> trials) {
        List<Trial> scored = trials.stream().filter(t -> !Double.isNaN(t.validationAccuracy())).toList();
        List<Trial> front = new ArrayList<>();
        for (Trial candidate : scored) {
            boolean dominated = scored.stream().anyMatch(other -> other != candidate
                    && other.parameters() <= candidate.parameters()
                    && other.validationAccuracy() >= candidate.validationAccuracy()
                    && (other.parameters() < candidate.parameters()
                        || other.validationAccuracy() > candidate.validationAccuracy()
                        || other.id() < candidate.id()));
            if (!dominated) {
                front.add(candidate);
            }
        }
        front.sort(Comparator.comparingLong(Trial::parameters));
        return front;
    }

    /** The {@code count} members of the front with the highest validation accuracy, best first. */
    public static List<Trial> best(List<Trial> trials, int count) {
        return of(trials).stream().sorted(Comparator.comparingDouble(Trial::validationAccuracy).reversed()
                .thenComparingLong(Trial::parameters)).limit(count).toList();
    }
}
