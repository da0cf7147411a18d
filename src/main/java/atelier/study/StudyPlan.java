package atelier.study;

import atelier.report.FigureSlot;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Optional;

/**
 * A study as it is saved in {@code studies/<name>/study.json}: what it runs, in order, and what its report
 * compares. Epochs and the training subset are the same for every training step (the sheets ask for 10 epochs each).
 *
 * @param sheet        "fashion-sheet", "architectures-sheet" or "custom"
 * @param introduction the report's opening paragraphs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StudyPlan(int schemaVersion, String name, String sheet, String title, List<String> introduction,
                        int epochs, int limitTrain, String created, List<StudyStep> steps,
                        List<FigureSlot> figures) {
    public static final int SCHEMA_VERSION = 1;

    public StudyPlan {
        introduction = introduction == null ? List.of() : List.copyOf(introduction);
        steps = steps == null ? List.of() : List.copyOf(steps);
        figures = figures == null ? List.of() : List.copyOf(figures);
        StudyStore.checkName(name);
        long distinct = steps.stream().map(StudyStep::key).distinct().count();
        if (distinct != steps.size()) {
            throw new IllegalArgumentException("study " + name + ": two steps share a key");
        }
    }

    public Optional<StudyStep> step(String key) {
        return steps.stream().filter(step -> step.key().equals(key)).findFirst();
    }
}
