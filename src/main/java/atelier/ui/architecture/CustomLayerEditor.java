package atelier.ui.architecture;

import atelier.model.LayerCheck;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The custom architecture's layer list: one editor per layer, the output layer every network ends with, and the
 * list's text form for the command line. The editors are laid out anew only when layers are added, removed or
 * moved, never while a value is typed, so a field keeps its focus and caret.
 */
final class CustomLayerEditor {
    private final ArchitectureViewModel model;
    private final VBox rows = new VBox(4);
    private final List<CustomLayerRow> editors = new ArrayList<>();
    private final BorderPane root = new BorderPane();

    CustomLayerEditor(ArchitectureViewModel model) {
        this.model = model;
        MenuButton add = new MenuButton("Add layer");
        add.setId("add-layer");
        for (LayerKind kind : LayerKind.values()) {
            MenuItem item = new MenuItem(kind.toString());
            item.setId("add-" + kind.key());
            item.setOnAction(e -> model.addLayer(kind));
            add.getItems().add(item);
        }
        Button reset = new Button("Start from mnist-net");
        reset.setId("reset-custom");
        reset.setOnAction(e -> model.resetCustom());
        add.setMinWidth(MenuButton.USE_PREF_SIZE);
        reset.setMinWidth(Button.USE_PREF_SIZE);
        Label hint = new Label("Shapes and counts follow every edit.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        HBox.setHgrow(hint, Priority.ALWAYS);
        HBox tools = new HBox(8, add, reset, hint);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.setPadding(new Insets(0, 0, 6, 0));

        VBox content = new VBox(4, rows, outputRow());
        content.setPadding(new Insets(2, 8, 2, 2));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setId("custom-editor");

        // the layer list as text: shown after every edit, and editable, so that a list can be pasted (Enter or
        // Apply reads it; a line that does not read as a layer is named below and nothing changes)
        TextField text = new TextField(model.customTextProperty().get());
        text.setId("custom-text");
        text.setPromptText("conv 32 3x3 relu; pool 2x2; dense 128 relu");
        model.customTextProperty().addListener((obs, old, now) -> {
            if (!text.isFocused() || !model.customTextErrorProperty().get().isEmpty()) {
                text.setText(now);
            }
        });
        text.setOnAction(e -> model.applyCustomText(text.getText()));
        text.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused && model.customTextErrorProperty().get().isEmpty()) {
                text.setText(model.customTextProperty().get());
            }
        });
        Button apply = new Button("Apply");
        apply.setId("apply-custom-text");
        apply.setMinWidth(Button.USE_PREF_SIZE);
        apply.setOnAction(e -> model.applyCustomText(text.getText()));
        Label textCaption = new Label("As text:");
        textCaption.getStyleClass().add("hint");
        textCaption.setMinWidth(Label.USE_PREF_SIZE);
        HBox textRow = new HBox(6, textCaption, text, apply);
        HBox.setHgrow(text, Priority.ALWAYS);
        textRow.setAlignment(Pos.CENTER_LEFT);
        Label textError = new Label();
        textError.setId("custom-text-error");
        textError.getStyleClass().add("error");
        textError.setWrapText(true);
        textError.textProperty().bind(model.customTextErrorProperty());
        textError.visibleProperty().bind(model.customTextErrorProperty().isNotEmpty());
        textError.managedProperty().bind(textError.visibleProperty());
        VBox textLine = new VBox(2, textRow, textError);
        textLine.setPadding(new Insets(6, 0, 0, 0));

        root.setTop(tools);
        root.setCenter(scroll);
        root.setBottom(textLine);
        root.setPadding(new Insets(6, 0, 6, 0));
        layOut();
        model.customLayers().addListener((ListChangeListener<CustomLayer>) change -> {
            while (change.next()) {
                if (change.wasAdded() || change.wasRemoved() || change.wasPermutated()) {
                    layOut();
                    return;
                }
            }
        });
    }

    Node node() {
        return root;
    }

    private void layOut() {
        editors.forEach(CustomLayerRow::dispose);
        editors.clear();
        List<CustomLayer> layers = model.customLayers();
        for (int i = 0; i < layers.size(); i++) {
            editors.add(new CustomLayerRow(layers.get(i), i, model, i == 0, i == layers.size() - 1));
        }
        rows.getChildren().setAll(editors.stream().map(CustomLayerRow::node).toList());
    }

    /** The output layer is not edited here (its size is the class count), but its shape and errors count. */
    private Node outputRow() {
        Label name = new Label("output");
        name.getStyleClass().add("custom-name");
        name.setMinWidth(64);
        Label what = new Label();
        what.getStyleClass().add("hint");
        Label shape = new Label();
        shape.setId("custom-output-shape");
        shape.getStyleClass().add("custom-shape");
        Label parameters = new Label();
        parameters.getStyleClass().add("custom-params");
        parameters.setMinWidth(104);
        parameters.setAlignment(Pos.CENTER_RIGHT);
        Label error = new Label();
        error.setId("custom-output-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Region buttonsWidth = new Region();
        buttonsWidth.setMinWidth(96);
        HBox head = new HBox(6, name, what, gap, shape, parameters, buttonsWidth);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox row = new VBox(3, head, error);
        row.getStyleClass().addAll("custom-row", "custom-output");
        Runnable fill = () -> {
            LayerCheck check = model.customOutputProperty().get();
            what.setText("Dense · one unit per class, softmax");
            shape.setText(check == null || !check.shapeKnown() ? "" : "→ " + ShapeText.of(check.outputShape()));
            parameters.setText(check == null || !check.shapeKnown() ? ""
                    : ParameterCount.format(check.trainable()) + " params");
            error.setText(check == null || check.ok() ? "" : check.error());
            error.setVisible(check != null && !check.ok());
        };
        model.customOutputProperty().addListener((obs, old, now) -> fill.run());
        fill.run();
        return row;
    }
}
