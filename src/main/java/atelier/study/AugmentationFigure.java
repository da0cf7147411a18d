package atelier.study;

import atelier.augment.AugmentationPipeline;
import atelier.augment.AugmentationPreview;
import atelier.augment.PixelScale;
import atelier.augment.PreviewFigure;
import atelier.data.Dataset;
import atelier.report.FigureRequest;
import atelier.report.ReportRun;
import atelier.report.StudyFigure;
import java.util.List;
import java.util.Random;

/**
 * "Visualize the effect of each transformation on a sample": the augmentation run's own pipeline, each transform
 * alone on one training image, as {@code augment preview --per-transform} draws it.
 */
final class AugmentationFigure implements StudyFigure {
    private static final int DRAWS = 8;
    private static final int ZOOM = 3;

    private final StudyFigures shared;

    AugmentationFigure(StudyFigures shared) {
        this.shared = shared;
    }

    @Override
    public String name() {
        return "augmentation-transforms";
    }

    @Override
    public String draw(FigureRequest request) {
        ReportRun run = StudyFigures.firstRun(request);
        String recipe = run.record().spec().augmentation();
        AugmentationPipeline pipeline = AugmentationPipeline.parse(recipe);
        if (pipeline.text().equals(AugmentationPipeline.NONE_TEXT)) {
            throw new IllegalStateException("run " + run.record().id() + " trained without augmentation");
        }
        Dataset dataset = shared.dataset(run.record().spec().dataset());
        long seed = run.record().spec().seed();
        int image = new Random(seed).nextInt(dataset.train().size());
        PixelScale scale = AugmentationPreview.scaleOf(dataset.train());
        AugmentationPreview preview = AugmentationPreview.of(dataset.train(), image, scale);
        List<AugmentationPreview.Row> rows = preview.perTransform(pipeline, DRAWS, seed);
        PreviewFigure.writePng(PreviewFigure.render(rows, preview.shape(), scale, ZOOM), request.image());
        return request.slot().title() + ": " + String.format("the augmentation of run %s (%s) on training image %d (%s): the sample, then each "
                + "transform alone in %d draws (seed %d), as training draws them.", run.record().id(),
                pipeline.text(), image, dataset.className(dataset.train().label(image)), DRAWS, seed);
    }
}
