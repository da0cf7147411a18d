package atelier.ui.augmentation;

import atelier.augment.AugmentationPreview;
import atelier.augment.ImageShape;
import atelier.augment.PixelScale;
import atelier.augment.TransformKind;
import atelier.augment.TransformSpec;
import atelier.ui.DialogService;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Augmentation tab's layout: on the left the sample, the pipeline (add, remove, reorder), the selected step's
 * parameters, the seed and "Use for training"; on the right each transform alone in several draws, and a grid of
 * draws of the whole pipeline, each exportable as PNG.
 */
public final class AugmentationView {
    private static final double PREVIEW_ZOOM = 3;
    /** Smaller in the grid, so that eight columns fit beside the controls at 1024 pixels wide. */
    private static final double GRID_ZOOM = 2.5;

    private final AugmentationViewModel model;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final ImageView sampleView = new ImageView();
    private final GridPane perTransform = new GridPane();
    private final GridPane grid = new GridPane();
    private final VBox parameters = new VBox();
    private final ListView<TransformSpec> stepList = new ListView<>();

    public AugmentationView(AugmentationViewModel model, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        root.setId("augmentation-view");
        ScrollPane left = new ScrollPane(controls());
        left.setFitToWidth(true);
        left.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        left.setPrefWidth(340);
        left.setMinWidth(300);
        root.setLeft(left);
        root.setCenter(previews());
        model.previewProperty().addListener((obs, old, preview) -> show(preview));
        model.structureRevisionProperty().addListener((obs, old, revision) -> rebuildParameters());
        model.selectedStepProperty().addListener((obs, old, step) -> {
            if (stepList.getSelectionModel().getSelectedIndex() != step.intValue()) {
                stepList.getSelectionModel().select(step.intValue());
            }
            rebuildParameters();
        });
        rebuildParameters();
        show(model.previewProperty().get());
    }

    public Parent root() {
        return root;
    }

    private Node controls() {
        sampleView.setId("augment-sample");
        sampleView.setSmooth(false);
        sampleView.setFitWidth(112);
        sampleView.setFitHeight(112);
        Label sampleTitle = new Label();
        sampleTitle.setId("augment-sample-title");
        sampleTitle.setWrapText(true);
        sampleTitle.textProperty().bind(model.sampleTitleProperty());
        Button selected = new Button("Selected image");
        selected.setTooltip(new javafx.scene.control.Tooltip("The image selected in the Dataset tab"));
        selected.setOnAction(e -> model.useSelectedImage());
        Button random = new Button("Random image");
        random.setId("augment-random-sample");
        random.setOnAction(e -> model.randomSample());
        VBox sample = new VBox(6, heading("Sample"), new HBox(10, sampleView,
                new VBox(6, sampleTitle, selected, random)));

        stepList.setId("augment-steps");
        stepList.setItems(model.steps());
        stepList.setPrefHeight(150);
        stepList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(TransformSpec item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.text());
            }
        });
        stepList.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            if (index.intValue() >= 0 && index.intValue() != model.selectedStepProperty().get()) {
                model.selectedStepProperty().set(index.intValue());
            }
        });
        // replacing a step (a parameter edit) can clear the list's selection: put it back
        model.steps().addListener((ListChangeListener<TransformSpec>) change -> javafx.application.Platform
                .runLater(() -> stepList.getSelectionModel().select(model.selectedStepProperty().get())));
        stepList.getSelectionModel().select(model.selectedStepProperty().get());
        ComboBox<TransformKind> kind = new ComboBox<>();
        kind.setId("augment-kind");
        kind.getItems().setAll(AugmentationViewModel.kinds());
        kind.setValue(TransformKind.FLIP);
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(TransformKind k) {
                return k == null ? "" : k.key() + " — " + k.description();
            }

            @Override
            public TransformKind fromString(String text) {
                return TransformKind.byKey(text).orElse(null);
            }
        });
        kind.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(kind, Priority.ALWAYS);
        Button add = new Button("Add");
        add.setId("augment-add");
        add.setOnAction(e -> model.add(kind.getValue()));
        add.setMinWidth(Region.USE_PREF_SIZE);
        kind.setPrefWidth(200);
        Button remove = new Button("Remove");
        remove.setId("augment-remove");
        remove.setOnAction(e -> model.remove(model.selectedStepProperty().get()));
        Button up = new Button("Up");
        up.setOnAction(e -> model.move(model.selectedStepProperty().get(), -1));
        Button down = new Button("Down");
        down.setOnAction(e -> model.move(model.selectedStepProperty().get(), 1));
        VBox pipeline = new VBox(6, heading("Pipeline (applied top to bottom)"), stepList, new HBox(6, kind, add),
                new HBox(6, remove, up, down), parameters);

        TextField seed = new TextField();
        seed.setId("augment-seed");
        seed.setPrefColumnCount(6);
        seed.textProperty().bindBidirectional(model.seedTextProperty());
        TextField text = new TextField();
        text.setId("augment-text");
        text.textProperty().bindBidirectional(model.pipelineTextProperty());
        text.setOnAction(e -> model.applyText());
        Button apply = new Button("Apply");
        apply.setOnAction(e -> model.applyText());
        HBox.setHgrow(text, Priority.ALWAYS);
        Button use = new Button("Use for training");
        use.setId("augment-use");
        use.setDefaultButton(false);
        use.setOnAction(e -> model.useForTraining());
        Label message = new Label();
        message.setId("augment-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label error = new Label();
        error.setId("augment-error");
        error.setWrapText(true);
        error.getStyleClass().add("error");
        error.textProperty().bind(model.errorProperty());
        VBox box = new VBox(12, sample, pipeline, new HBox(6, new Label("Seed"), seed), new VBox(4,
                new Label("As text (CLI and run spec: --augment)"), new HBox(6, text, apply)), use, error, message);
        box.setPadding(new Insets(10));
        return box;
    }

    private Node previews() {
        perTransform.setId("augment-per-transform");
        perTransform.setHgap(4);
        perTransform.setVgap(4);
        grid.setId("augment-grid");
        grid.setHgap(4);
        grid.setVgap(4);
        Button exportPerTransform = new Button("Export PNG…");
        exportPerTransform.setId("augment-export-per-transform");
        exportPerTransform.setOnAction(e -> dialogs.chooseSaveFile("Export the per-transform figure",
                "augmentation-per-transform.png").ifPresent(model::exportPerTransform));
        Button exportGrid = new Button("Export PNG…");
        exportGrid.setId("augment-export-grid");
        exportGrid.setOnAction(e -> dialogs.chooseSaveFile("Export the grid of draws", "augmentation-grid.png")
                .ifPresent(model::exportGrid));
        VBox box = new VBox(10,
                new HBox(10, heading("Each transform alone (" + AugmentationViewModel.DRAWS_PER_TRANSFORM
                        + " draws)"), exportPerTransform), perTransform,
                new HBox(10, heading(AugmentationPreview.GRID_DRAWS + " draws of the whole pipeline"), exportGrid),
                grid);
        box.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("augment-heading");
        return label;
    }

    private void rebuildParameters() {
        int step = model.selectedStepProperty().get();
        if (step < 0 || step >= model.steps().size()) {
            parameters.getChildren().setAll(new Label("Select a step to edit its parameters."));
            return;
        }
        TransformKind kind = model.steps().get(step).kind();
        Label title = new Label(kind.key() + ": " + kind.description());
        title.setWrapText(true);
        title.getStyleClass().add("hint");
        parameters.getChildren().setAll(title, new ParameterEditor(model, step).root());
    }

    private void show(AugmentationViewModel.Preview preview) {
        perTransform.getChildren().clear();
        grid.getChildren().clear();
        if (preview == null) {
            sampleView.setImage(null);
            return;
        }
        ImageShape shape = preview.source().shape();
        PixelScale scale = preview.source().scale();
        sampleView.setImage(image(preview.source().sample(), shape, scale));
        fill(perTransform, preview.perTransform(), shape, scale, true, PREVIEW_ZOOM);
        fill(grid, preview.grid(), shape, scale, false, GRID_ZOOM);
    }

    private static void fill(GridPane pane, List<AugmentationPreview.Row> rows, ImageShape shape, PixelScale scale,
                             boolean labelled, double zoom) {
        for (int r = 0; r < rows.size(); r++) {
            AugmentationPreview.Row row = rows.get(r);
            if (labelled) {
                Label label = new Label(row.label());
                label.setMinWidth(Region.USE_PREF_SIZE);
                label.setMaxWidth(200);
                label.setAlignment(Pos.CENTER_LEFT);
                pane.add(label, 0, r);
            }
            for (int c = 0; c < row.images().size(); c++) {
                ImageView view = new ImageView(image(row.images().get(c), shape, scale));
                view.setSmooth(false);
                view.setFitWidth(shape.width() * zoom);
                view.setFitHeight(shape.height() * zoom);
                view.getStyleClass().add("augment-image");
                pane.add(view, c + (labelled ? 1 : 0), r);
            }
        }
    }

    private static WritableImage image(float[] pixels, ImageShape shape, PixelScale scale) {
        WritableImage image = new WritableImage(shape.width(), shape.height());
        image.getPixelWriter().setPixels(0, 0, shape.width(), shape.height(), PixelFormat.getIntArgbInstance(),
                AugmentationPreview.argb(pixels, shape, scale), 0, shape.width());
        return image;
    }
}
