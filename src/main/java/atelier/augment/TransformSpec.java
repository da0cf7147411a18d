package atelier.augment;

import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * One step of a pipeline: a transform and the values of all its parameters, immutable and always valid (every
 * value in its range, ranges in order). Its text form is {@code name:main[:key=value...]}, e.g. {@code crop:4}
 * or {@code erase:0.5:fill=random}; parameters at their defaults are left out, except the main one.
 */
public final class TransformSpec {
    private final TransformKind kind;
    private final double[] values;

    private TransformSpec(TransformKind kind, double[] values) {
        this.kind = kind;
        this.values = values;
        kind.checkTogether(values);
    }

    /** The transform with all parameters at their defaults. */
    public static TransformSpec of(TransformKind kind) {
        return new TransformSpec(kind, kind.defaults());
    }

    public TransformKind kind() {
        return kind;
    }

    public double value(String parameter) {
        return values[kind.indexOf(parameter)];
    }

    /** The values in the order of {@link TransformKind#parameters()}. */
    public double[] values() {
        return values.clone();
    }

    /** This spec with one parameter changed; refused with the parameter's range when out of it. */
    public TransformSpec with(String parameter, double value) {
        Parameter p = kind.parameter(parameter);
        double[] changed = values.clone();
        changed[kind.indexOf(parameter)] = p.check(kind.key(), value);
        return new TransformSpec(kind, changed);
    }

    /** Reads one step, e.g. {@code rotate:10} or {@code crop:4:fill=reflect}. */
    public static TransformSpec parse(String text) {
        String[] parts = text.trim().split(":", -1);
        String name = parts[0].trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty transform in '" + text.trim() + "' (known: "
                    + TransformKind.keys() + ")");
        }
        TransformKind kind = TransformKind.byKey(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown transform '" + name + "' (known: " + TransformKind.keys() + ")"));
        double[] values = kind.defaults();
        List<Parameter> parameters = kind.parameters();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int equals = part.indexOf('=');
            if (equals < 0) {
                if (i != 1) {
                    throw new IllegalArgumentException(kind.key() + ": '" + part + "' needs a parameter name ("
                            + kind.key() + " takes " + kind.parameterNames() + "; only the first, "
                            + parameters.get(0).name() + ", may go without)");
                }
                values[0] = parameters.get(0).parse(kind.key(), part);
            } else {
                Parameter parameter = kind.parameter(part.substring(0, equals).trim());
                values[parameters.indexOf(parameter)] = parameter.parse(kind.key(), part.substring(equals + 1));
            }
        }
        return new TransformSpec(kind, values);
    }

    public String text() {
        List<Parameter> parameters = kind.parameters();
        StringJoiner joined = new StringJoiner(":");
        joined.add(kind.key()).add(parameters.get(0).format(values[0]));
        for (int i = 1; i < parameters.size(); i++) {
            if (values[i] != parameters.get(i).defaultValue()) {
                joined.add(parameters.get(i).name() + "=" + parameters.get(i).format(values[i]));
            }
        }
        return joined.toString();
    }

    Transform compile(ImageShape shape, PixelScale scale) {
        return kind.compile(values, shape, scale);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransformSpec that && kind == that.kind && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return text();
    }
}
