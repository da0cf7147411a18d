package atelier.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * "learning-curves": loss and accuracy per epoch of the slot's runs on the training set or the test set (the
 * slot's option, "train" or "test"), as sheet 1 Q1.6 asks: one figure per set, every case in it.
 */
public final class LearningCurvesFigure implements StudyFigure {
    public static final String NAME = "learning-curves";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String draw(FigureRequest request) throws Exception {
        ChartImages.Split split = ChartImages.Split.parse(request.slot().option());
        List<ChartImages.Curve> curves = request.runs().stream()
                .filter(run -> !run.record().epochs().isEmpty())
                .map(run -> new ChartImages.Curve(run.label(), run.record().epochs(), split)).toList();
        if (curves.isEmpty()) {
            throw new IllegalStateException("none of its runs (" + String.join(", ", request.slot().steps())
                    + ") has finished an epoch");
        }
        ChartImages.writePng(ChartImages.learningCurves(request.slot().title(), curves), request.image(),
                900, 620);
        String best = request.runs().stream().filter(run -> run.record().bestEpoch() > 0)
                .map(run -> String.format("%s %.2f%% (epoch %d)", run.label(), 100 * run.record().bestTestAccuracy(),
                        run.record().bestEpoch()))
                .collect(Collectors.joining("; "));
        return request.slot().title() + ": mean cross-entropy loss (top) and accuracy (bottom) on the "
                + split.words() + " after each epoch"
                + (split == ChartImages.Split.TRAIN ? " (averaged over the epoch's training batches, with dropout "
                + "active)" : " (the whole test set, in inference mode)")
                + ". Best test accuracy: " + best + ".";
    }
}
