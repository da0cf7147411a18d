package atelier.ui.tsne;

import atelier.analysis.tsne.ClassColors;
import atelier.data.Split;
import atelier.ui.DialogService;
import atelier.ui.ProgressTask;
import atelier.ui.training.RunRow;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.GridView;

/**
 * The t-SNE tab's layout: parameters and Compute along the top; the map with its class legend (click an entry to
 * hide or show the class); beside it the hovered image, the readout, and the images of the last selection.
 */
public final class TsneView {
    private static final double THUMBNAIL = 56;

    private final TsneViewModel model;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final MapCanvas canvas;
    private final FlowPane legend = new FlowPane(6, 4);
    private final ProgressBar progress = new ProgressBar(0);

    public TsneView(TsneViewModel model, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        this.canvas = new MapCanvas(model);
        root.getStyleClass().add("tsne-tab");
        root.setTop(parameters());
        SplitPane centre = new SplitPane(mapPane(), sidePane());
        centre.setDividerPositions(0.68);
        SplitPane.setResizableWithParent(centre.getItems().get(1), false);
        root.setCenter(centre);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        model.labelsProperty().addListener(obs -> rebuildLegend());
        model.hiddenClasses().addListener((javafx.collections.SetChangeListener<Integer>) change -> rebuildLegend());
    }

    public Node root() {
        return root;
    }

    private Node parameters() {
        ComboBox<RunRow> run = new ComboBox<>(model.runs());
        run.valueProperty().bindBidirectional(model.runProperty());
        run.setId("tsne-run");
        run.setPrefWidth(200);
        run.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunRow row) {
                return row == null ? "" : row.name();
            }

            @Override
            public RunRow fromString(String text) {
                return null;
            }
        });
        ComboBox<String> layer = new ComboBox<>(model.layers());
        layer.valueProperty().bindBidirectional(model.layerProperty());
        layer.setPromptText("penultimate");
        layer.setTooltip(new Tooltip("Dense layer whose activations are mapped (default: the penultimate, fc1)"));
        ComboBox<Split> split = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(Split.TRAIN,
                Split.TEST));
        split.valueProperty().bindBidirectional(model.splitProperty());
        split.setConverter(new StringConverter<>() {
            @Override
            public String toString(Split value) {
                return value == null ? "" : value.key();
            }

            @Override
            public Split fromString(String text) {
                return Split.parse(text);
            }
        });
        TextField limit = numberField("0", 70,
                "Images to map, a random subset fixed by the seed; 0 for the whole split");
        limit.textProperty().addListener((obs, old, text) -> parseInto(text, v -> model.limitProperty().set(
                (int) v)));
        TextField perplexity = numberField("30", 50, "Perplexity: the effective number of neighbours");
        perplexity.textProperty().addListener((obs, old, text) -> parseInto(text, model.perplexityProperty()::set));
        TextField iterations = numberField("750", 55, "Gradient steps, 250 of them with early exaggeration");
        iterations.textProperty().addListener((obs, old, text) -> parseInto(text,
                v -> model.iterationsProperty().set((int) v)));
        TextField exaggeration = numberField("12", 45, "Early exaggeration factor");
        exaggeration.textProperty().addListener((obs, old, text) -> parseInto(text,
                model.exaggerationProperty()::set));
        TextField seed = numberField("1", 45, "Seed of the subset and of the trustworthiness sample");
        seed.textProperty().addListener((obs, old, text) -> parseInto(text, v -> model.seedProperty().set((long) v)));
        Button compute = new Button("Compute");
        compute.setId("tsne-compute");
        compute.setDefaultButton(true);
        compute.disableProperty().bind(model.computingProperty());
        compute.setOnAction(e -> {
            ProgressTask<?> task = model.compute();
            if (task != null) {
                progress.progressProperty().bind(task.progressProperty());
            }
        });
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(model.computingProperty().not());
        cancel.setOnAction(e -> model.cancel());
        progress.setPrefWidth(140);
        progress.visibleProperty().bind(model.computingProperty());
        HBox bar = new HBox(6, new Label("Run"), run, new Label("Layer"), layer, split, new Label("Images"), limit,
                new Label("Perplexity"), perplexity, new Label("Iterations"), iterations, new Label("Exaggeration"),
                exaggeration, new Label("Seed"), seed, compute, cancel, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.setId("tsne-status");
        status.setWrapText(true);
        FlowPane wrapping = new FlowPane(6, 6);
        wrapping.getChildren().addAll(bar.getChildren());
        wrapping.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, wrapping, status);
        top.setPadding(new Insets(8));
        return top;
    }

    private static TextField numberField(String initial, double width, String tip) {
        TextField field = new TextField(initial);
        field.setPrefColumnCount(4);
        field.setPrefWidth(width);
        field.setTooltip(new Tooltip(tip));
        return field;
    }

    private void parseInto(String text, java.util.function.DoubleConsumer target) {
        try {
            target.accept(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            // The value stays as it was; Compute reports out-of-range values.
        }
    }

    private Node mapPane() {
        legend.setPadding(new Insets(4, 8, 4, 8));
        legend.setId("tsne-legend");
        Label help = new Label("Drag: lasso · Shift+drag: rectangle · right-drag: pan · scroll: zoom · "
                + "double-click: fit");
        help.getStyleClass().add("tsne-help");
        VBox pane = new VBox(legend, canvas, help);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        pane.setPadding(new Insets(0, 0, 4, 8));
        return pane;
    }

    private void rebuildLegend() {
        List<String> classes = model.classes();
        int[] labels = model.labelsProperty().get();
        int[] counts = new int[classes.size()];
        for (int label : labels) {
            if (label >= 0 && label < counts.length) {
                counts[label]++;
            }
        }
        legend.getChildren().clear();
        for (int c = 0; c < classes.size(); c++) {
            int label = c;
            ToggleButton entry = new ToggleButton(classes.get(c) + " (" + String.format("%,d", counts[c]) + ")");
            entry.getStyleClass().add("tsne-legend-entry");
            entry.setSelected(!model.hiddenClasses().contains(c));
            javafx.scene.shape.Rectangle swatch = new javafx.scene.shape.Rectangle(12, 12,
                    javafx.scene.paint.Color.web(ClassColors.hex(c)));
            swatch.setOpacity(entry.isSelected() ? 1 : 0.25);
            entry.setGraphic(swatch);
            entry.setOnAction(e -> model.toggleClass(label));
            legend.getChildren().add(entry);
        }
    }

    private Node sidePane() {
        ImageView hoverImage = new ImageView();
        hoverImage.setFitWidth(112);
        hoverImage.setFitHeight(112);
        hoverImage.setSmooth(false);
        Label hoverText = new Label("Hover a point to see its image.");
        hoverText.setWrapText(true);
        hoverText.setId("tsne-hover");
        model.hoveredProperty().addListener((obs, old, point) -> {
            if (point.intValue() >= 0) {
                hoverImage.setImage(model.thumbnail(point.intValue()));
                hoverText.setText(model.describe(point.intValue()));
            }
        });
        HBox hover = new HBox(8, hoverImage, hoverText);
        hover.setAlignment(Pos.CENTER_LEFT);
        hover.setMinHeight(120);
        Label readout = new Label();
        readout.textProperty().bind(model.readoutProperty());
        readout.setWrapText(true);
        readout.setId("tsne-readout");
        readout.getStyleClass().add("tsne-readout");
        readout.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        readout.visibleProperty().bind(model.readoutProperty().isNotEmpty());
        readout.managedProperty().bind(readout.visibleProperty());
        Button disagreeing = new Button("Labels their neighbours contradict");
        disagreeing.setTooltip(new Tooltip("Select the images whose label most of their 10 nearest neighbours in "
                + "feature space do not share"));
        disagreeing.disableProperty().bind(model.finishedProperty().isNull());
        disagreeing.setOnAction(e -> model.selectDisagreeing());
        Button png = new Button("Export PNG…");
        png.disableProperty().bind(model.finishedProperty().isNull());
        png.setOnAction(e -> dialogs.chooseSaveFile("Export the map as PNG", "tsne-map.png").ifPresent(file -> {
            try {
                model.exportPng(file);
                dialogs.notify("Wrote " + file);
            } catch (RuntimeException ex) {
                dialogs.showError("Cannot export the map", ex.getMessage());
            }
        }));
        Button csv = new Button("Export CSV…");
        csv.disableProperty().bind(model.finishedProperty().isNull());
        csv.setOnAction(e -> dialogs.chooseSaveFile("Export the map as CSV", "tsne-map.csv").ifPresent(file -> {
            try {
                model.exportCsv(file);
                dialogs.notify("Wrote " + file);
            } catch (RuntimeException ex) {
                dialogs.showError("Cannot export the map", ex.getMessage());
            }
        }));
        FlowPane actions = new FlowPane(6, 6, disagreeing, png, csv);
        Label selected = new Label();
        selected.textProperty().bind(Bindings.createStringBinding(() -> model.selection().isEmpty()
                ? "Drag a lasso around points to see their images here."
                : String.format("%,d selected · 0–9 relabel · Delete exclude · Ctrl+Z undo",
                model.selection().size()), model.selection()));
        selected.setWrapText(true);
        GridView<Integer> gallery = new GridView<>(model.selection());
        gallery.setId("tsne-selection");
        gallery.setCellWidth(THUMBNAIL + 4);
        gallery.setCellHeight(THUMBNAIL + 18);
        gallery.setCellFactory(g -> new SelectionCell(model, THUMBNAIL));
        VBox side = new VBox(8, hover, readout, actions, new Separator(Orientation.HORIZONTAL), selected, gallery);
        VBox.setVgrow(gallery, Priority.ALWAYS);
        side.setPadding(new Insets(8));
        side.setMinWidth(260);
        return side;
    }

    private void key(KeyEvent event) {
        if (event.getTarget() instanceof TextField) {
            return;
        }
        if (event.isShortcutDown() && event.getCode() == KeyCode.Z) {
            model.undo();
            event.consume();
        } else if (event.isShortcutDown() && event.getCode() == KeyCode.Y) {
            model.redo();
            event.consume();
        } else if (event.getCode() == KeyCode.DELETE || event.getCode() == KeyCode.BACK_SPACE) {
            model.excludeSelection();
            event.consume();
        } else if (event.getCode().isDigitKey() && !event.isShortcutDown()) {
            String text = event.getText();
            if (text != null && text.length() == 1 && Character.isDigit(text.charAt(0))) {
                model.relabelSelection(text.charAt(0) - '0');
                event.consume();
            }
        }
    }
}
