package atelier.ui.architecture;

import atelier.model.InputShape;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The layer stack drawn top to bottom, the way data flows: one box per layer with its type and output shape,
 * coloured by kind, with a bar whose length grows with the layer's parameter count on a log scale (a linear bar
 * would show VGG16's fc1 and nothing else). Frozen layers are greyed and tagged; a layer that does not fit is
 * outlined in red with its reason.
 */
final class LayerStackDiagram {
    private static final double BAR_WIDTH = 120;

    private final VBox root = new VBox(0);

    LayerStackDiagram() {
        root.getStyleClass().add("stack-diagram");
        root.setFillWidth(true);
    }

    Node node() {
        return root;
    }

    /** The input box shows the data's size; a resize, when there is one, is the first row. */
    void show(List<LayerTableRow> rows, InputShape input) {
        root.getChildren().clear();
        if (rows.isEmpty()) {
            return;
        }
        root.getChildren().add(inputBox(input));
        long most = rows.stream().mapToLong(row -> row.trainable() + row.nonTrainable()).max().orElse(0);
        for (LayerTableRow row : rows) {
            Node box = box(row, most);
            root.getChildren().addAll(connector(), "residual".equals(category(row.type())) ? withBypass(box) : box);
        }
    }

    /**
     * A residual block drawn with its bypass: a bracket on the left from the block's input to its output, where
     * the input is added back ("+ input").
     */
    private static Node withBypass(Node box) {
        Region bracket = new Region();
        bracket.getStyleClass().add("stack-bypass");
        bracket.setMinWidth(10);
        bracket.setPrefWidth(10);
        bracket.setMaxHeight(Double.MAX_VALUE);
        VBox rail = new VBox(bracket);
        VBox.setVgrow(bracket, Priority.ALWAYS);
        HBox withRail = new HBox(3, rail, box);
        HBox.setHgrow(box, Priority.ALWAYS);
        withRail.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(rail, new Tooltip("bypass: the block's input is added to its output"));
        return withRail;
    }

    private static Node inputBox(InputShape input) {
        VBox box = new VBox(1, line(label("input", "stack-name"), label(ShapeText.of(input), "stack-shape")),
                label("image", "stack-type"));
        box.getStyleClass().addAll("stack-box", "stack-input");
        return box;
    }

    /** Name and shape on the first line, which never cut the shape; type and parameter bar on the second. */
    private static Node box(LayerTableRow row, long most) {
        Label name = label(row.name(), "stack-name");
        HBox first = line(name, label(row.shapeText(), "stack-shape"));
        HBox second = new HBox(6, label(row.type(), "stack-type"));
        second.setAlignment(Pos.CENTER_LEFT);
        long count = row.trainable() + row.nonTrainable();
        if (count > 0) {
            Region bar = new Region();
            bar.getStyleClass().add("stack-bar");
            double fraction = Math.log10(1 + count) / Math.log10(1 + Math.max(most, 1));
            bar.setPrefWidth(Math.max(4, BAR_WIDTH * fraction));
            bar.setMinWidth(Region.USE_PREF_SIZE);
            bar.setMaxWidth(Region.USE_PREF_SIZE);
            bar.setPrefHeight(6);
            bar.setMaxHeight(6);
            second.getChildren().addAll(bar, label(ParameterCount.format(count), "stack-parameters"));
        }
        VBox box = new VBox(1, first, second);
        box.getStyleClass().addAll("stack-box", "stack-" + category(row.type()));
        if ("residual".equals(category(row.type()))) {
            first.getChildren().add(1, label("+ input", "stack-bypass-label"));
        }
        if (row.frozen()) {
            box.getStyleClass().add("stack-frozen");
            first.getChildren().add(1, label("frozen", "stack-tag"));
        }
        if (!row.ok()) {
            box.getStyleClass().add("stack-error");
            Label error = label(row.error(), "error");
            error.setWrapText(true);
            error.setMinHeight(Region.USE_PREF_SIZE);
            box.getChildren().add(error);
        }
        Tooltip.install(box, new Tooltip(row.name() + " · " + row.type()
                + (count > 0 ? " · " + ParameterCount.format(count) + " values" : "")
                + (row.nonTrainable() > 0 ? " (" + ParameterCount.format(row.nonTrainable()) + " not trained)" : "")
                + (row.detail().isEmpty() ? "" : " · " + row.detail())));
        return box;
    }

    private static Label label(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        return label;
    }

    private static HBox line(Label name, Label shape) {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        shape.setMinWidth(Region.USE_PREF_SIZE);
        HBox line = new HBox(6, name, gap, shape);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }

    /** A short vertical stroke between boxes: the arrow of the data flow without cluttering it. */
    private static Node connector() {
        Region stroke = new Region();
        stroke.getStyleClass().add("stack-connector");
        stroke.setPrefSize(2, 8);
        stroke.setMaxSize(2, 8);
        StackPane holder = new StackPane(stroke);
        holder.setMinHeight(8);
        return holder;
    }

    /** Layer kinds share a colour: every convolution blue, every pooling teal, and so on. */
    static String category(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.contains("conv")) {
            return "conv";
        }
        if (lower.contains("pool")) {
            return "pool";
        }
        if (lower.contains("batchnorm")) {
            return "batchnorm";
        }
        if (lower.contains("dropout")) {
            return "dropout";
        }
        if (lower.equals("dense") || lower.equals("output")) {
            return "dense";
        }
        if (lower.equals("add") || lower.equals("residual")) {
            return "residual";
        }
        return "other";
    }
}
