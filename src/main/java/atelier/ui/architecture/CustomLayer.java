package atelier.ui.architecture;

import atelier.model.LayerCheck;
import atelier.model.LayerSpec;
import atelier.model.Nonlinearity;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One row of the custom layer list as the user edits it. Numbers are kept as typed, so that "0" or "3x" can sit in
 * a field and be reported on that row instead of being refused by the field; every kind's values are kept while the
 * kind changes, so switching back and forth loses nothing. The row also carries what the last check said about it.
 */
public final class CustomLayer {
    private final ObjectProperty<LayerKind> kind = new SimpleObjectProperty<>(LayerKind.CONV);
    private final StringProperty filters = new SimpleStringProperty("32");
    private final StringProperty kernel = new SimpleStringProperty("3");
    private final StringProperty convStride = new SimpleStringProperty("1");
    private final ObjectProperty<LayerSpec.Padding> padding = new SimpleObjectProperty<>(LayerSpec.Padding.VALID);
    private final StringProperty poolSize = new SimpleStringProperty("2");
    private final StringProperty poolStride = new SimpleStringProperty("");
    private final StringProperty rate = new SimpleStringProperty("0.25");
    private final StringProperty units = new SimpleStringProperty("128");
    private final ObjectProperty<Nonlinearity> activation = new SimpleObjectProperty<>(Nonlinearity.RELU);
    private final ObjectBinding<Parsed> parsed;

    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outputShape = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper parameters = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    /** The layer, or why the fields do not make one; exactly one of the two is set. */
    public record Parsed(LayerSpec spec, String error) {
        public boolean ok() {
            return spec != null;
        }
    }

    private CustomLayer(LayerKind initialKind) {
        kind.set(initialKind);
        activation.set(initialKind.defaultActivation());
        kind.addListener((obs, old, now) -> activation.set(now.defaultActivation()));
        parsed = Bindings.createObjectBinding(this::parse, fields());
    }

    public static CustomLayer fresh(LayerKind kind) {
        return new CustomLayer(kind);
    }

    public static CustomLayer of(LayerSpec spec) {
        CustomLayer layer = new CustomLayer(LayerKind.of(spec));
        if (spec instanceof LayerSpec.Conv conv) {
            layer.filters.set(String.valueOf(conv.filters()));
            layer.kernel.set(String.valueOf(conv.kernel()));
            layer.convStride.set(String.valueOf(conv.stride()));
            layer.padding.set(conv.padding());
            layer.activation.set(conv.activation());
        } else if (spec instanceof LayerSpec.Pool pool) {
            layer.poolSize.set(String.valueOf(pool.size()));
            layer.poolStride.set(pool.stride() == pool.size() ? "" : String.valueOf(pool.stride()));
        } else if (spec instanceof LayerSpec.BatchNorm norm) {
            layer.activation.set(norm.activation());
        } else if (spec instanceof LayerSpec.Dropout dropout) {
            layer.rate.set(number(dropout.rate()));
        } else if (spec instanceof LayerSpec.Dense dense) {
            layer.units.set(String.valueOf(dense.units()));
            layer.activation.set(dense.activation());
        } else if (spec instanceof LayerSpec.Residual residual) {
            layer.kernel.set(String.valueOf(residual.kernel()));
            layer.activation.set(residual.activation());
        }
        return layer;
    }

    /** Everything the user can change; the parsed layer and the list's checks follow these. */
    Observable[] fields() {
        return new Observable[] {kind, filters, kernel, convStride, padding, poolSize, poolStride, rate, units,
                activation};
    }

    public ObjectBinding<Parsed> parsedBinding() {
        return parsed;
    }

    public Parsed parsed() {
        return parsed.get();
    }

    private Parsed parse() {
        try {
            LayerSpec spec = switch (kind.get()) {
                case CONV -> new LayerSpec.Conv(whole("filters", filters), whole("kernel", kernel),
                        whole("stride", convStride), padding.get(), activation.get());
                case POOL -> {
                    int size = whole("size", poolSize);
                    yield new LayerSpec.Pool(size, poolStride.get().isBlank() ? size : whole("stride", poolStride));
                }
                case BATCHNORM -> new LayerSpec.BatchNorm(activation.get());
                case DROPOUT -> new LayerSpec.Dropout(decimal("rate", rate));
                case DENSE -> new LayerSpec.Dense(whole("units", units), activation.get());
                case RESIDUAL -> new LayerSpec.Residual(whole("kernel", kernel), activation.get());
            };
            return new Parsed(spec, null);
        } catch (IllegalArgumentException e) {
            return new Parsed(null, e.getMessage());
        }
    }

    /** Shows the check of this row: its name in the network, output shape, parameters and error. */
    void show(LayerCheck check) {
        name.set(check.name());
        outputShape.set(check.shapeKnown() ? ShapeText.of(check.outputShape()) : "");
        parameters.set(check.shapeKnown() ? ParameterCount.format(check.trainable() + check.nonTrainable()) : "");
        error.set(check.ok() ? "" : check.error());
    }

    /** Shows a row whose fields do not make a layer, or one after such a row, whose shape cannot be known. */
    void showUnchecked(String rowName, String problem) {
        name.set(rowName);
        outputShape.set("");
        parameters.set("");
        error.set(problem == null ? "" : problem);
    }

    private static int whole(String what, StringProperty field) {
        String text = field.get() == null ? "" : field.get().trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": \"" + text + "\" is not a whole number");
        }
    }

    private static double decimal(String what, StringProperty field) {
        String text = field.get() == null ? "" : field.get().trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": \"" + text + "\" is not a number");
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : Double.toString(value);
    }

    public ObjectProperty<LayerKind> kindProperty() {
        return kind;
    }

    public StringProperty filtersProperty() {
        return filters;
    }

    /** The kernel side of a convolution or of a residual block's convolutions. */
    public StringProperty kernelProperty() {
        return kernel;
    }

    public StringProperty convStrideProperty() {
        return convStride;
    }

    public ObjectProperty<LayerSpec.Padding> paddingProperty() {
        return padding;
    }

    public StringProperty poolSizeProperty() {
        return poolSize;
    }

    /** Blank means the pooling size, windows side by side. */
    public StringProperty poolStrideProperty() {
        return poolStride;
    }

    public StringProperty rateProperty() {
        return rate;
    }

    public StringProperty unitsProperty() {
        return units;
    }

    public ObjectProperty<Nonlinearity> activationProperty() {
        return activation;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outputShapeProperty() {
        return outputShape.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty parametersProperty() {
        return parameters.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
