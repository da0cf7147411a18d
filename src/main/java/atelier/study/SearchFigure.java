package atelier.study;

import atelier.report.ChartImages;
import atelier.report.FigureRequest;
import atelier.report.StudyFigure;
import atelier.search.Finalist;
import atelier.search.ParetoFront;
import atelier.search.SearchState;
import atelier.search.SearchStore;
import atelier.search.Trial;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Sheet 2, section 1.3: an architecture search of the workspace, as validation accuracy against parameter count
 * (every trial at the highest rung it reached, one colour per rung) with the Pareto front drawn, and the finalists'
 * test accuracies in the caption. The search runs on its own (the Search tab, {@code search}); the slot's option
 * {@code search=NAME} names one, otherwise the newest finished search on the option's {@code dataset=D} (MNIST for
 * the sheet) is drawn.
 */
final class SearchFigure implements StudyFigure {
    private static final Color[] RUNG_COLOURS = {new Color(170, 170, 170), new Color(86, 180, 233),
        new Color(0, 114, 178), new Color(0, 158, 115), new Color(213, 94, 0), new Color(204, 121, 167)};

    private final StudyFigures shared;

    SearchFigure(StudyFigures shared) {
        this.shared = shared;
    }

    @Override
    public String name() {
        return "architecture-search";
    }

    @Override
    public String draw(FigureRequest request) throws Exception {
        SearchStore store = SearchStore.of(shared.workspace());
        SearchState search = chosen(store, request.slot().option());
        List<Trial> scored = search.trials().stream().filter(t -> !Double.isNaN(t.validationAccuracy())).toList();
        if (scored.isEmpty()) {
            throw new IllegalStateException("search " + search.name() + " has no scored trial yet");
        }
        ChartImages.writePng(chart(search, scored), request.image(), 1400, 900);
        return request.slot().title() + ": " + caption(search, scored);
    }

    /** The named search, or the newest finished one on the option's dataset. */
    static SearchState chosen(SearchStore store, String option) {
        String named = value(option, "search");
        if (named != null) {
            if (!store.exists(named)) {
                throw new IllegalStateException("no search named " + named + " in " + store.root());
            }
            return store.load(named);
        }
        String dataset = value(option, "dataset");
        for (String name : store.names()) {
            SearchState state = store.load(name);
            if (state.phase() == SearchState.Phase.DONE
                    && (dataset == null || dataset.equalsIgnoreCase(state.settings().dataset()))) {
                return state;
            }
        }
        throw new IllegalStateException("no finished architecture search" + (dataset == null ? "" : " on " + dataset)
                + " in " + store.root() + "; run one in the Search tab or with `search --dataset "
                + (dataset == null ? "mnist" : dataset) + " --budget-minutes 20`, then make the report again");
    }

    /** {@code key=value} out of an option such as {@code "dataset=mnist"}, or null. */
    private static String value(String option, String key) {
        if (option == null) {
            return null;
        }
        for (String part : option.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2 && pair[0].trim().equals(key) && !pair[1].isBlank()) {
                return pair[1].trim();
            }
        }
        return null;
    }

    private static JFreeChart chart(SearchState search, List<Trial> scored) {
        XYSeriesCollection data = new XYSeriesCollection();
        int top = scored.stream().mapToInt(Trial::rung).max().orElse(0);
        for (int rung = 0; rung <= top; rung++) {
            int r = rung;
            List<Trial> atRung = scored.stream().filter(t -> t.rung() == r).toList();
            XYSeries series = new XYSeries(String.format(Locale.ROOT, "reached rung %d (%d)", rung, atRung.size()),
                    false, true);
            atRung.forEach(t -> series.add(t.parameters(), 100 * t.validationAccuracy()));
            data.addSeries(series);
        }
        XYSeries front = new XYSeries("Pareto front", true, true);
        ParetoFront.of(scored).stream().sorted(Comparator.comparingLong(Trial::parameters))
                .forEach(t -> front.add(t.parameters(), 100 * t.validationAccuracy()));
        data.addSeries(front);

        LogAxis parameters = new LogAxis("trainable parameters (log scale)");
        parameters.setSmallestValue(100);
        parameters.setNumberFormatOverride(java.text.NumberFormat.getIntegerInstance(Locale.ROOT));
        // decades on the parameter axis, tens of percent up to 100 on the accuracy axis: readable at print size
        parameters.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        parameters.setMinorTickCount(9);
        parameters.setMinorTickMarksVisible(true);
        NumberAxis accuracy = new NumberAxis("validation accuracy at the trial's highest rung (%)");
        double lowest = scored.stream().mapToDouble(t -> 100 * t.validationAccuracy()).min().orElse(0);
        accuracy.setRange(Math.max(0, 10 * Math.floor(lowest / 10)), 100.5);
        accuracy.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(10));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i <= top; i++) {
            renderer.setSeriesPaint(i, RUNG_COLOURS[Math.min(i, RUNG_COLOURS.length - 1)]);
        }
        int frontIndex = data.getSeriesCount() - 1;
        renderer.setSeriesLinesVisible(frontIndex, true);
        renderer.setSeriesShapesVisible(frontIndex, false);
        renderer.setSeriesPaint(frontIndex, Color.BLACK);
        renderer.setSeriesStroke(frontIndex, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(data, parameters, accuracy, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart("Search " + search.name() + " on " + search.settings().dataset(),
                new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String caption(SearchState search, List<Trial> scored) {
        int[] perRung = search.trialsPerRung();
        List<String> rungs = new ArrayList<>();
        for (int i = 0; i < perRung.length; i++) {
            rungs.add(perRung[i] + " at rung " + i);
        }
        List<String> finals = new ArrayList<>();
        for (Finalist f : search.finalists()) {
            finals.add(f.done() ? String.format(Locale.ROOT, "trial %d (%,d parameters): %.2f%%", f.trial(),
                    f.parameters(), 100 * f.testAccuracy())
                    : String.format(Locale.ROOT, "trial %d (%,d parameters): %s", f.trial(), f.parameters(),
                    f.status()));
        }
        return String.format(Locale.ROOT, "search %s on %s, asynchronous successive halving (reduction factor %d) "
                + "over %d designs within a %s-minute budget (%s); each point is a trial at the highest rung it "
                + "reached, scored on %,d held-out training images, and the line is the Pareto front of parameters "
                + "against validation accuracy.%s", search.name(), search.settings().dataset(),
                search.settings().eta(), scored.size(), trimmed(search.settings().budgetMinutes()),
                String.join(", ", rungs), search.settings().validationImages(),
                finals.isEmpty() ? "" : " Retrained on the whole training set for " + search.settings().finalEpochs()
                        + " epoch" + (search.settings().finalEpochs() == 1 ? "" : "s") + " and scored once on the "
                        + "test set: " + String.join("; ", finals) + ".");
    }

    private static String trimmed(double minutes) {
        return minutes == Math.rint(minutes) ? String.format(Locale.ROOT, "%.0f", minutes)
                : String.format(Locale.ROOT, "%.1f", minutes);
    }
}
