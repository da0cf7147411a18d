package atelier.analysis;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The lines that tell how label-error rankings and the user's exclusions score against a truth file. */
public final class TruthReport {
    private TruthReport() {
    }

    /**
     * @param topLosses training indices by loss, highest first
     * @param crossValidated the cross-validated search, or null before one has run
     * @param excluded training indices excluded so far, or null when unknown
     */
    public static String describe(TruthScore truth, List<Integer> topLosses,
                                  CrossValidatedDetector.Result crossValidated, Set<Integer> excluded) {
        int k = truth.flippedCount();
        TruthScore.PrecisionRecall losses = truth.at(topLosses, k);
        StringBuilder text = new StringBuilder(String.format("Against the truth file (%d flipped labels; read for "
                + "scoring only):%ntop %d losses: precision %s, recall %s", k, k, percent(losses.precision()),
                percent(losses.recall())));
        if (crossValidated != null) {
            TruthScore.PrecisionRecall top = truth.at(crossValidated.ranking().stream()
                    .map(f -> f.item().index()).toList(), k);
            TruthScore.PrecisionRecall flagged = truth.of(crossValidated.ranking().stream()
                    .filter(CrossValidatedDetector.Finding::flagged).map(f -> f.item().index())
                    .collect(Collectors.toSet()));
            text.append(String.format("%ncross-validated top %d: precision %s, recall %s%nflagged (%d): precision %s, "
                    + "recall %s", k, percent(top.precision()), percent(top.recall()), flagged.k(),
                    percent(flagged.precision()), percent(flagged.recall())));
        }
        if (excluded != null) {
            TruthScore.PrecisionRecall removed = truth.of(excluded);
            text.append(String.format("%nexcluded so far (%d): precision %s, recall %s", removed.k(),
                    percent(removed.precision()), percent(removed.recall())));
        }
        return text.toString();
    }

    private static String percent(double value) {
        return String.format("%.1f%%", 100 * value);
    }
}
