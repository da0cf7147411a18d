package atelier.augment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One parameter of a transform: its name in the text form, its accepted range (what the tab's slider spans and
 * what parsing checks), its default, and whether it is a whole number or a choice among names. Values are held as
 * doubles; a choice's value is the index of the chosen name.
 *
 * @param choices the names a choice parameter accepts; empty for numbers
 */
public record Parameter(String name, String description, double min, double max, double defaultValue,
                        boolean whole, List<String> choices) {

    public Parameter {
        choices = List.copyOf(choices);
        if (!(min <= defaultValue && defaultValue <= max)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside " + min + ".." + max);
        }
    }

    static Parameter number(String name, String description, double min, double max, double defaultValue) {
        return new Parameter(name, description, min, max, defaultValue, false, List.of());
    }

    static Parameter whole(String name, String description, int min, int max, int defaultValue) {
        return new Parameter(name, description, min, max, defaultValue, true, List.of());
    }

    static Parameter probability(double defaultValue) {
        return number("p", "probability that the transform is applied to an image", 0, 1, defaultValue);
    }

    static Parameter choice(String name, String description, String defaultChoice, String... names) {
        List<String> all = List.of(names);
        int index = all.indexOf(defaultChoice);
        return new Parameter(name, description, 0, all.size() - 1, index, true, all);
    }

    public boolean isChoice() {
        return !choices.isEmpty();
    }

    /** The accepted values in words, for error messages and tool tips. */
    public String range() {
        if (isChoice()) {
            return "one of " + String.join(", ", choices);
        }
        return (whole ? "a whole number" : "a number") + " from " + format(min) + " to " + format(max);
    }

    /** Reads a value of this parameter; {@code owner} (the transform's name) starts the message of a refusal. */
    double parse(String owner, String text) {
        String trimmed = text.trim();
        if (isChoice()) {
            int index = choices.indexOf(trimmed.toLowerCase(Locale.ROOT));
            if (index < 0) {
                throw refusal(owner, trimmed);
            }
            return index;
        }
        double value;
        try {
            value = Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw refusal(owner, trimmed);
        }
        check(owner, value, trimmed);
        return value;
    }

    /** Checks a value set directly (by the tab); refuses it as {@link #parse} would. */
    double check(String owner, double value) {
        check(owner, value, format(value));
        return value;
    }

    private void check(String owner, double value, String text) {
        if (!Double.isFinite(value) || value < min || value > max || (whole && value != Math.rint(value))) {
            throw refusal(owner, text);
        }
    }

    private IllegalArgumentException refusal(String owner, String text) {
        return new IllegalArgumentException(owner + ": " + name + " must be " + range() + ", not '" + text + "'");
    }

    /** The value as the text form writes it: a choice's name, or the shortest decimal that reads back exactly. */
    public String format(double value) {
        if (isChoice()) {
            return choices.get((int) value);
        }
        return formatNumber(value);
    }

    static String formatNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
