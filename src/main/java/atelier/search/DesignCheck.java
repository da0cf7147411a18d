package atelier.search;

import atelier.model.ArchitectureCatalog;
import atelier.model.InputShape;
import atelier.model.StackCheck;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a design can be trained, decided from shape arithmetic alone (no network is built): pooling below 1x1,
 * a layer that does not fit, or more parameters than the space allows all skip the point with their reason before
 * it costs training time.
 */
public final class DesignCheck {
    private DesignCheck() {
    }

    /** The design's trainable parameters, or the reason it cannot be trained. */
    public record Outcome(long parameters, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public static Outcome check(SearchPoint point, InputShape input, int classes, long maxParameters) {
        StackCheck check = ArchitectureCatalog.validate(point.layers(), input, classes);
        Optional<String> problem = check.firstProblem();
        if (problem.isPresent()) {
            return new Outcome(0, problem.get());
        }
        if (maxParameters > 0 && check.trainable() > maxParameters) {
            return new Outcome(check.trainable(), String.format(Locale.ROOT,
                    "%,d parameters, more than the space's limit of %,d", check.trainable(), maxParameters));
        }
        return new Outcome(check.trainable(), null);
    }
}
