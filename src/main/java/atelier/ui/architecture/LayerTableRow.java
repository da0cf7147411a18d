package atelier.ui.architecture;

import atelier.model.LayerCheck;
import atelier.model.LayerRow;
import java.util.List;
import java.util.Map;

/**
 * One row of the layer table and one box of the diagram: either read from a built network, or worked out by the
 * shape arithmetic while the network is being built (or when it cannot be built, with the row's error).
 *
 * @param error why this layer does not fit its input, or null
 */
public record LayerTableRow(String name, String type, String detail, List<Integer> outputShape, long trainable,
                            long nonTrainable, boolean frozen, String error) {

    /** The DL4J layer types the built networks show, so the two kinds of row read alike. */
    private static final Map<String, String> TYPES = Map.of("conv", "Conv2D", "pool", "MaxPool2D",
            "batchnorm", "BatchNorm", "dropout", "Dropout", "dense", "Dense", "residual", "Residual",
            "output", "Output");

    public LayerTableRow {
        outputShape = List.copyOf(outputShape);
    }

    public static LayerTableRow of(LayerRow row) {
        // a layer without parameters (pooling, dropout) has nothing to freeze, whatever wraps it
        boolean hasParameters = row.trainable() + row.nonTrainable() > 0;
        return new LayerTableRow(row.name(), row.type(), row.detail(), row.outputShape(), row.trainable(),
                row.nonTrainable(), row.frozen() && hasParameters, null);
    }

    public static LayerTableRow of(LayerCheck check, boolean frozen) {
        String kind = check.text().split(" ", 2)[0];
        return new LayerTableRow(check.name(), TYPES.getOrDefault(kind, kind), check.text(), check.outputShape(),
                check.trainable(), check.nonTrainable(), frozen && check.trainable() + check.nonTrainable() > 0,
                check.error());
    }

    public boolean ok() {
        return error == null;
    }

    /** "32×26×26", or "?" where an earlier layer's error leaves it unknown. */
    public String shapeText() {
        return outputShape.isEmpty() ? (ok() ? "?" : "does not fit") : ShapeText.of(outputShape);
    }
}
