package atelier.analysis.actmax;

import java.util.Locale;

/** How a step follows the gradient. */
public enum StepRule {
    /** x += step size · gradient, the sheet's plain gradient ascent. */
    PLAIN,
    /** Adam (β1 0.9, β2 0.999): per-pixel step sizes, so the step size is in input units whatever the network. */
    ADAM;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StepRule parse(String text) {
        for (StepRule rule : values()) {
            if (rule.key().equalsIgnoreCase(text.trim())) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown step rule '" + text + "' (plain or adam)");
    }
}
