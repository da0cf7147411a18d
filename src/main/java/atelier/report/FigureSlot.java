package atelier.report;

import java.util.List;

/**
 * A figure a study wants, before anything is drawn: which provider draws it, for which of the study's steps, and
 * what the report says when no provider of that name is in this build.
 *
 * @param name          the provider's name ({@link StudyFigure#name()})
 * @param title         what the figure is, in words ("t-SNE map of fc1")
 * @param steps         the study steps whose runs it shows, in legend order
 * @param option        a provider-specific choice ("train" or "test" for curves and confusion), or null
 * @param whenAbsent    why a build lacks it ("this build has no t-SNE (issue 12)")
 */
public record FigureSlot(String name, String title, List<String> steps, String option, String whenAbsent) {

    public FigureSlot {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
