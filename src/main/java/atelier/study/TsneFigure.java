package atelier.study;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.tsne.MapFigure;
import atelier.analysis.tsne.MapListener;
import atelier.analysis.tsne.TsneMap;
import atelier.analysis.tsne.TsneParameters;
import atelier.analysis.tsne.TsneStudy;
import atelier.data.Split;
import atelier.report.FigureRequest;
import atelier.report.ReportRun;
import atelier.report.StudyFigure;
import atelier.task.Progress;

/**
 * Sheet 1, question 2: the t-SNE map of the baseline's fc1 features of the training images, with its 10-NN
 * readout, through the t-SNE feature's cached map (a second report reuses it). It maps as many training images as
 * the run trained on: all of them for a full study, the {@code --limit-train} count for a reduced one; the slot's
 * option {@code limit=N} sets another number (0 = all).
 */
final class TsneFigure implements StudyFigure {
    private static final String LAYER = "fc1";

    private final StudyFigures shared;

    TsneFigure(StudyFigures shared) {
        this.shared = shared;
    }

    @Override
    public String name() {
        return "tsne-fc1";
    }

    @Override
    public String draw(FigureRequest request) {
        ReportRun run = StudyFigures.firstRun(request);
        int limit = limit(request.slot().option(), run.record().spec().limitTrain());
        AnalyzedRun analyzed = shared.open(run);
        TsneParameters parameters = TsneParameters.defaults();
        TsneMap map = TsneStudy.openOrCompute(analyzed, LAYER, Split.TRAIN, limit, parameters, Progress.NONE,
                MapListener.NONE);
        String title = run.record().spec().architecture() + " " + map.layer() + " · " + analyzed.dataset().name()
                + " train";
        MapFigure.writePng(MapFigure.render(map, map.labels(), analyzed.dataset().classes(), null, title, 1600,
                1200), request.image());
        TsneMap.Summary s = map.summary();
        return request.slot().title() + ": " + String.format("the map of the %s features (%d dimensions) of %s training images under run %s, "
                + "coloured by label (perplexity 30, %s). 10-NN readout: a point's class is that of most of its 10 "
                + "nearest neighbours in %.2f%% of cases among the features and %.2f%% in the map%s.",
                map.layer(), s.dims(), limit == 0 ? String.format("all %,d", s.points())
                        : String.format("%,d (a subset chosen by the seed)", s.points()),
                run.record().id(), s.parameters(), 100 * s.featureKnnAccuracy(), 100 * s.mapKnnAccuracy(),
                Double.isNaN(s.trustworthiness()) ? ""
                        : String.format("; trustworthiness %.3f on %,d points", s.trustworthiness(),
                        s.trustworthinessSample()));
    }

    static int limit(String option, int trainedOn) {
        if (option != null && option.startsWith("limit=")) {
            int limit = Integer.parseInt(option.substring("limit=".length()).trim());
            if (limit < 0) {
                throw new IllegalArgumentException("t-SNE limit must be 0 (all) or positive, got " + limit);
            }
            return limit;
        }
        return Math.max(0, trainedOn);
    }
}
