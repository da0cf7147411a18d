package atelier.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The text form of a layer list, one layer per line or separated by ';', so that a custom architecture can be
 * given on the command line and saved as plain text:
 * <pre>
 * conv 32 3x3 same relu     (defaults: stride 1, valid, relu)
 * pool 2x2                  (stride defaults to the size)
 * batchnorm relu            (activation defaults to linear)
 * dropout 0.25              (probability of dropping, as in PyTorch)
 * dense 128 relu            (activation defaults to relu)
 * residual 3x3              (activation after the addition defaults to linear)
 * </pre>
 */
public final class LayerSpecText {
    private LayerSpecText() {
    }

    public static String format(List<LayerSpec> layers) {
        return layers.stream().map(LayerSpec::text).collect(Collectors.joining("; "));
    }

    /** Reads a whole list; a line it cannot read is reported with its position. Blank entries are skipped. */
    public static List<LayerSpec> parse(String text) {
        List<LayerSpec> layers = new ArrayList<>();
        String[] entries = text.split("[;\\n]");
        int position = 0;
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            position++;
            try {
                layers.add(parseOne(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + position + " (\"" + entry.strip() + "\"): "
                        + e.getMessage(), e);
            }
        }
        return layers;
    }

    public static LayerSpec parseOne(String entry) {
        String[] words = entry.strip().toLowerCase(Locale.ROOT).split("\\s+");
        Words in = new Words(words);
        String kind = in.next("a layer kind");
        LayerSpec layer = switch (kind) {
            case "conv" -> {
                int filters = in.integer("the number of filters");
                int kernel = in.size("the kernel size");
                int stride = in.optionalStride(1);
                LayerSpec.Padding padding = LayerSpec.Padding.VALID;
                if (in.peekIs("same") || in.peekIs("valid")) {
                    padding = LayerSpec.Padding.valueOf(in.next("padding").toUpperCase(Locale.ROOT));
                }
                yield new LayerSpec.Conv(filters, kernel, stride, padding, in.optionalActivation(Nonlinearity.RELU));
            }
            case "pool", "maxpool" -> {
                int size = in.size("the pooling size");
                yield new LayerSpec.Pool(size, in.optionalStride(size));
            }
            case "batchnorm", "bn" -> new LayerSpec.BatchNorm(in.optionalActivation(Nonlinearity.NONE));
            case "dropout" -> new LayerSpec.Dropout(in.decimal("the dropout probability"));
            case "dense", "fc" -> {
                int units = in.integer("the number of units");
                yield new LayerSpec.Dense(units, in.optionalActivation(Nonlinearity.RELU));
            }
            case "residual", "res" -> {
                int kernel = in.size("the kernel size");
                yield new LayerSpec.Residual(kernel, in.optionalActivation(Nonlinearity.NONE));
            }
            default -> throw new IllegalArgumentException("unknown layer kind \"" + kind
                    + "\" (conv, pool, batchnorm, dropout, dense or residual)");
        };
        in.expectEnd();
        return layer;
    }

    /** A number without a trailing ".0", so that "dropout 0.5" reads as it was written. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static final class Words {
        private final String[] words;
        private int next;

        Words(String[] words) {
            this.words = words;
        }

        String next(String what) {
            if (next >= words.length) {
                throw new IllegalArgumentException(what + " is missing");
            }
            return words[next++];
        }

        boolean peekIs(String word) {
            return next < words.length && words[next].equals(word);
        }

        int integer(String what) {
            String word = next(what);
            try {
                return Integer.parseInt(word);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a whole number, got \"" + word + "\"");
            }
        }

        double decimal(String what) {
            String word = next(what);
            try {
                return Double.parseDouble(word);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a number, got \"" + word + "\"");
            }
        }

        /** "3" or "3x3"; kernels are square. */
        int size(String what) {
            String word = next(what);
            String[] sides = word.split("x");
            try {
                if (sides.length == 1 || (sides.length == 2 && sides[0].equals(sides[1]))) {
                    return Integer.parseInt(sides[0]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must look like 3x3, got \"" + word + "\"");
            }
            throw new IllegalArgumentException(what + " must be square like 3x3, got \"" + word + "\"");
        }

        int optionalStride(int otherwise) {
            if (!peekIs("stride")) {
                return otherwise;
            }
            next++;
            return integer("the stride");
        }

        Nonlinearity optionalActivation(Nonlinearity otherwise) {
            return next < words.length ? Nonlinearity.parse(next("an activation")) : otherwise;
        }

        void expectEnd() {
            if (next < words.length) {
                throw new IllegalArgumentException("unexpected \"" + words[next] + "\"");
            }
        }
    }
}
