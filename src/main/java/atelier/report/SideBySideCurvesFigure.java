package atelier.report;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * "curves-side-by-side": one panel per run of the slot, each with its training and test curves, so that two
 * ways of training the same network (VGG16 pretrained and from Xavier weights) can be read next to each other.
 */
public final class SideBySideCurvesFigure implements StudyFigure {
    public static final String NAME = "curves-side-by-side";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String draw(FigureRequest request) throws Exception {
        List<JFreeChart> panels = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String step : request.slot().steps()) {
            ReportRun run = request.run(step);
            if (run == null || run.record().epochs().isEmpty()) {
                missing.add(step);
                continue;
            }
            panels.add(ChartImages.learningCurves(run.label(), List.of(
                    new ChartImages.Curve("training set", run.record().epochs(), ChartImages.Split.TRAIN),
                    new ChartImages.Curve("test set", run.record().epochs(), ChartImages.Split.TEST))));
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no finished epoch yet for " + String.join(", ", missing));
        }
        ChartImages.writeSideBySide(panels, request.image(), 560, 600);
        return request.slot().title() + ": for each run, loss (top) and accuracy (bottom) per epoch on the "
                + "training set (averaged over the epoch's batches) and on the test set.";
    }
}
