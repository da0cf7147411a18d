package atelier.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A search's results as plain maps and lists, the form {@code search --json} prints: every trial with its rung
 * and validation accuracy, the Pareto set with the test accuracy of those retrained, trials per rung, the skipped
 * designs and the time spent.
 */
public final class SearchReport {
    private SearchReport() {
    }

    public static Map<String, Object> of(SearchState state) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("name", state.name());
        report.put("dataset", state.settings().dataset());
        report.put("phase", state.phase().name().toLowerCase(java.util.Locale.ROOT));
        report.put("budgetMinutes", state.settings().budgetMinutes());
        report.put("searchSeconds", state.spentSeconds());
        report.put("finalSeconds", state.finalSeconds());
        report.put("finalPlan", state.finalPlan());
        List<Map<String, Object>> rungs = new ArrayList<>();
        int[] perRung = state.trialsPerRung();
        SuccessiveHalving halving = new SuccessiveHalving(state.settings().eta(), state.settings().maxRung());
        for (int rung = 0; rung < perRung.length; rung++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rung", rung);
            row.put("images", halving.budget(state.settings().rungZeroImages(), rung));
            row.put("trials", perRung[rung]);
            rungs.add(row);
        }
        report.put("rungs", rungs);
        report.put("trials", state.trials().stream().map(SearchReport::trial).toList());
        List<Map<String, Object>> pareto = new ArrayList<>();
        for (Trial trial : ParetoFront.of(state.trials())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trial", trial.id());
            row.put("design", trial.point().summary());
            row.put("layers", trial.layers());
            row.put("parameters", trial.parameters());
            row.put("rung", trial.rung());
            row.put("validationAccuracy", number(trial.validationAccuracy()));
            Optional<Finalist> retrained = state.finalists().stream().filter(f -> f.trial() == trial.id())
                    .findFirst();
            row.put("testAccuracy", retrained.map(f -> number(f.testAccuracy())).orElse(null));
            row.put("finalEpochs", retrained.map(Finalist::epochs).orElse(null));
            row.put("finalRun", retrained.map(Finalist::run).orElse(null));
            row.put("finalSeconds", retrained.map(Finalist::seconds).orElse(null));
            row.put("finalStatus", retrained.map(Finalist::status).orElse(null));
            pareto.add(row);
        }
        report.put("pareto", pareto);
        report.put("skipped", state.skipped().stream().map(s -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sample", s.sample());
            row.put("design", s.point().summary());
            row.put("reason", s.reason());
            return row;
        }).toList());
        return report;
    }

    private static Map<String, Object> trial(Trial trial) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("trial", trial.id());
        row.put("design", trial.point().summary());
        row.put("layers", trial.layers());
        row.put("point", trial.point());
        row.put("rung", trial.rung());
        row.put("imagesSeen", trial.latest().map(Segment::images).orElse(0L));
        row.put("validationAccuracy", number(trial.validationAccuracy()));
        row.put("parameters", trial.parameters());
        row.put("seconds", trial.seconds());
        row.put("imagesPerSecond", number(trial.imagesPerSecond()));
        row.put("status", trial.status());
        row.put("runs", trial.segments().stream().map(Segment::run).toList());
        return row;
    }

    /** JSON has no NaN: a value not measured is null. */
    private static Double number(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
