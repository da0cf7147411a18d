package atelier.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * "confusion": the confusion matrix the study computed for the slot's first step (stored in
 * {@code analysis/<step>.json} as {@link ConfusionData}), with counts in the cells and each row shaded by its share.
 */
public final class ConfusionFigure implements StudyFigure {
    public static final String NAME = "confusion";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String draw(FigureRequest request) throws Exception {
        if (request.slot().steps().isEmpty()) {
            throw new IllegalArgumentException("the slot names no analysis step");
        }
        Path file = request.analysis(request.slot().steps().get(0));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("its analysis step has not run yet (" + file.getFileName() + ")");
        }
        ConfusionData data = JSON.readValue(file.toFile(), ConfusionData.class);
        ChartImages.writePng(ChartImages.confusion(request.slot().title(), data), request.image(), 760, 700);
        return String.format("%s: %,d %s images of run %s, actual class in rows, predicted class in columns; the "
                + "cells hold counts, the shade is the share of the row (accuracy %.2f%%).", request.slot().title(),
                data.total(), "test".equals(data.split()) ? "test" : "training", data.run(), 100 * data.accuracy());
    }
}
