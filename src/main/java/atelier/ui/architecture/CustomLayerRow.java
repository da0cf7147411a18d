package atelier.ui.architecture;

import atelier.model.LayerSpec;
import atelier.model.Nonlinearity;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import java.util.function.Function;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The editor of one custom layer: its kind and that kind's settings, the output shape and parameter count the
 * checker gives, buttons to move or remove it, and its error in red underneath. Node ids carry the row's position
 * ("custom-layer-2-filters") so that tests and screen readers can name a field.
 */
final class CustomLayerRow {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final Insets UNDER_KIND = new Insets(0, 0, 0, 70);
    private final CustomLayer layer;
    private final String id;
    private final HBox settings = new HBox(6);
    private final VBox root;
    private final ChangeListener<LayerKind> kindChanged = (obs, old, now) -> fillSettings(now);
    private final ChangeListener<String> errorChanged;

    CustomLayerRow(CustomLayer layer, int index, ArchitectureViewModel model, boolean first, boolean last) {
        this.layer = layer;
        this.id = "custom-layer-" + index;
        Label name = new Label();
        name.getStyleClass().add("custom-name");
        name.setMinWidth(64);
        name.textProperty().bind(layer.nameProperty());
        ComboBox<LayerKind> kind = new ComboBox<>();
        kind.getItems().addAll(LayerKind.values());
        kind.valueProperty().bindBidirectional(layer.kindProperty());
        kind.setId(id + "-kind");
        kind.setPrefWidth(130);
        Label shape = new Label();
        shape.setId(id + "-shape");
        shape.getStyleClass().add("custom-shape");
        shape.textProperty().bind(layer.outputShapeProperty().map(text -> text.isEmpty() ? "" : "→ " + text));
        Label parameters = new Label();
        parameters.setId(id + "-params");
        parameters.getStyleClass().add("custom-params");
        parameters.setMinWidth(104);
        parameters.setAlignment(Pos.CENTER_RIGHT);
        parameters.textProperty().bind(layer.parametersProperty().map(text -> text.isEmpty() ? "" : text + " params"));
        parameters.setTooltip(new Tooltip("values this layer holds, learned or not"));
        Button up = small("▲", "Move up", id + "-up", () -> model.moveUp(layer));
        up.setDisable(first);
        Button down = small("▼", "Move down", id + "-down", () -> model.moveDown(layer));
        down.setDisable(last);
        Button remove = small("✕", "Remove this layer", id + "-remove", () -> model.removeLayer(layer));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(6, name, kind, gap, shape, parameters, up, down, remove);
        head.setAlignment(Pos.CENTER_LEFT);

        settings.setAlignment(Pos.CENTER_LEFT);
        settings.setPadding(UNDER_KIND);
        fillSettings(layer.kindProperty().get());
        layer.kindProperty().addListener(kindChanged);

        Label error = new Label();
        error.setId(id + "-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.setPadding(UNDER_KIND);
        error.textProperty().bind(layer.errorProperty());
        error.visibleProperty().bind(layer.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        root = new VBox(3, head, settings, error);
        root.getStyleClass().add("custom-row");
        root.pseudoClassStateChanged(INVALID, !layer.errorProperty().get().isEmpty());
        errorChanged = (obs, old, now) -> root.pseudoClassStateChanged(INVALID, !now.isEmpty());
        layer.errorProperty().addListener(errorChanged);
    }

    Node node() {
        return root;
    }

    /** Detaches this editor from its layer when the list is laid out anew; bindings to it are weak already. */
    void dispose() {
        layer.kindProperty().removeListener(kindChanged);
        layer.errorProperty().removeListener(errorChanged);
    }

    private void fillSettings(LayerKind kind) {
        settings.getChildren().clear();
        switch (kind) {
            case CONV -> settings.getChildren().addAll(
                    field("filters", layer.filtersProperty(), 48),
                    field("kernel", layer.kernelProperty(), 36),
                    field("stride", layer.convStrideProperty(), 36),
                    padding(layer.paddingProperty()), activation(layer.activationProperty()));
            case POOL -> {
                HBox stride = field("stride", layer.poolStrideProperty(), 62);
                ((TextField) stride.getChildren().get(1)).setPromptText("= size");
                settings.getChildren().addAll(field("size", layer.poolSizeProperty(), 36), stride);
            }
            case BATCHNORM -> settings.getChildren().addAll(caption("then"), activation(layer.activationProperty()));
            case DROPOUT -> settings.getChildren().add(field("drop probability", layer.rateProperty(), 56));
            case DENSE -> settings.getChildren().addAll(field("units", layer.unitsProperty(), 60),
                    activation(layer.activationProperty()));
            case RESIDUAL -> settings.getChildren().addAll(field("kernel", layer.kernelProperty(), 36),
                    caption("then"), activation(layer.activationProperty()));
        }
    }

    private HBox field(String caption, StringProperty value, double width) {
        TextField field = new TextField();
        field.setId(id + "-" + caption.replace(' ', '-'));
        field.setPrefWidth(width);
        field.textProperty().bindBidirectional(value);
        HBox box = new HBox(4, caption(caption), field);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("hint");
        return label;
    }

    private ChoiceBox<LayerSpec.Padding> padding(ObjectProperty<LayerSpec.Padding> value) {
        ChoiceBox<LayerSpec.Padding> choice = new ChoiceBox<>();
        choice.getItems().addAll(LayerSpec.Padding.values());
        choice.setConverter(converter(LayerSpec.Padding::key, LayerSpec.Padding.class));
        choice.valueProperty().bindBidirectional(value);
        choice.setId(id + "-padding");
        return choice;
    }

    private ChoiceBox<Nonlinearity> activation(ObjectProperty<Nonlinearity> value) {
        ChoiceBox<Nonlinearity> choice = new ChoiceBox<>();
        choice.getItems().addAll(Nonlinearity.values());
        choice.setConverter(converter(Nonlinearity::key, Nonlinearity.class));
        choice.valueProperty().bindBidirectional(value);
        choice.setId(id + "-activation");
        return choice;
    }

    private static <E extends Enum<E>> StringConverter<E> converter(Function<E, String> key, Class<E> type) {
        return new StringConverter<>() {
            @Override
            public String toString(E value) {
                return value == null ? "" : key.apply(value);
            }

            @Override
            public E fromString(String text) {
                for (E value : type.getEnumConstants()) {
                    if (key.apply(value).equals(text)) {
                        return value;
                    }
                }
                return null;
            }
        };
    }

    private static Button small(String text, String tip, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.getStyleClass().add("row-button");
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        return button;
    }
}
