package atelier.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The figure providers of this build, by name: the built-in ones, those other modules list in
 * {@code META-INF/services/atelier.report.StudyFigure} (found with {@link ServiceLoader}), and any registered in
 * code. A later registration of a name replaces an earlier one.
 */
public final class Figures {
    private final Map<String, StudyFigure> providers = new LinkedHashMap<>();

    /** The built-in providers and every one on the class path's service list. */
    public static Figures standard() {
        Figures figures = new Figures();
        figures.register(new LearningCurvesFigure());
        figures.register(new SideBySideCurvesFigure());
        figures.register(new ConfusionFigure());
        for (StudyFigure plugged : ServiceLoader.load(StudyFigure.class)) {
            figures.register(plugged);
        }
        return figures;
    }

    public Figures register(StudyFigure figure) {
        providers.put(figure.name(), figure);
        return this;
    }

    public Optional<StudyFigure> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }
}
