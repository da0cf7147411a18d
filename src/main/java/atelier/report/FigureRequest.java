package atelier.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link StudyFigure} gets: its slot, the runs of the slot's steps (those that have one, in the slot's order),
 * the study's folder (its {@code analysis/} holds what the study computed, as JSON) and the PNG to write.
 */
public record FigureRequest(FigureSlot slot, List<ReportRun> runs, Path studyFolder, Path image) {

    public FigureRequest {
        runs = List.copyOf(runs);
    }

    /** The run of a step, or null when the study has none for it. */
    public ReportRun run(String step) {
        return runs.stream().filter(run -> run.step().equals(step)).findFirst().orElse(null);
    }

    /** A file the study wrote for one of its steps, under {@code analysis/}. */
    public Path analysis(String step) {
        return studyFolder.resolve("analysis").resolve(step + ".json");
    }
}
