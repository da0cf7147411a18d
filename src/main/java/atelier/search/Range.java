package atelier.search;

import java.util.Locale;

/**
 * A closed interval of a search dimension, written {@code {"min": 8, "max": 64}} in a space file. Whole-number
 * dimensions round what they draw; {@code log} draws evenly in the logarithm (filters, widths, learning rates span
 * an order of magnitude, where 8 to 16 matters as much as 32 to 64).
 */
public record Range(double min, double max, boolean log) {

    public Range {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a range needs finite min <= max, got min %s, max %s", min, max));
        }
        if (log && min <= 0) {
            throw new IllegalArgumentException("a logarithmic range must start above 0, got min " + min);
        }
    }

    public static Range linear(double min, double max) {
        return new Range(min, max, false);
    }

    public static Range logarithmic(double min, double max) {
        return new Range(min, max, true);
    }

    /** The value at fraction {@code u} in [0, 1) of the range. */
    double at(double u) {
        if (log) {
            return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
        }
        return min + u * (max - min);
    }

    /** A whole number in [min, max]: each of them equally likely on a linear range. */
    int wholeAt(double u) {
        int low = (int) Math.ceil(min);
        int high = (int) Math.floor(max);
        if (log) {
            return Math.max(low, Math.min(high, (int) Math.round(at(u))));
        }
        return Math.min(high, low + (int) Math.floor(u * (high - low + 1)));
    }
}
