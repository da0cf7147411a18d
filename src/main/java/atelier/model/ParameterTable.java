package atelier.model;

import java.util.List;

/** The per-layer table of a built network, in the order data flows through it, with totals. */
public record ParameterTable(List<LayerRow> rows) {

    public ParameterTable {
        rows = List.copyOf(rows);
    }

    /** Reads the table from the network's own configuration and parameter arrays. */
    public static ParameterTable of(BuiltModel model) {
        return NetworkInspector.table(model);
    }

    /** All learnable values, frozen or not: the number PyTorch reports for the same layers before freezing. */
    public long trainable() {
        return rows.stream().mapToLong(LayerRow::trainable).sum();
    }

    public long nonTrainable() {
        return rows.stream().mapToLong(LayerRow::nonTrainable).sum();
    }

    /** Learnable values held fixed because their layer is frozen. */
    public long frozenTrainable() {
        return rows.stream().filter(LayerRow::frozen).mapToLong(LayerRow::trainable).sum();
    }

    /** Learnable values the optimiser will actually change. */
    public long learning() {
        return trainable() - frozenTrainable();
    }

    public LayerRow row(String name) {
        return rows.stream().filter(row -> row.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer named " + name));
    }
}
