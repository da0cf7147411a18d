package atelier.ui.activation;

import atelier.analysis.ConfusionMatrix;
import atelier.analysis.actmax.Ascent;
import atelier.analysis.actmax.AscentState;
import atelier.analysis.actmax.CorrelationFigure;
import atelier.analysis.actmax.PixelScale;
import atelier.analysis.actmax.QualityStudy;
import atelier.analysis.actmax.StartImage;
import atelier.analysis.actmax.StepRule;
import atelier.ui.DialogService;
import atelier.ui.training.RunRow;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.Property;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;

/** The Activation tab's layout: parameters left, the live canvas and curves in the middle, gallery and figure below. */
public final class ActivationView {
    private static final int ZOOM = 9;

    private final ActivationViewModel model;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final Canvas canvas = new Canvas(28 * ZOOM, 28 * ZOOM);
    private final XYChart.Series<Number, Number> activation = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> probability = new XYChart.Series<>();
    private final FlowPane gallery = new FlowPane(8, 8);
    private final ImageView figure = new ImageView();
    private final Label summary = new Label();

    public ActivationView(ActivationViewModel model, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        root.setId("activation-view");
        root.setLeft(parameters());
        root.setCenter(centre());
        model.stateProperty().addListener((obs, old, state) -> showState(state));
        model.tracesProperty().addListener((obs, old, curves) -> showTraces());
        model.shownProperty().addListener((obs, old, value) -> {
            showState(model.stateProperty().get());
            showTraces();
        });
        model.qualityProperty().addListener((obs, old, quality) -> showQuality(quality));
        model.confusionProperty().addListener((obs, old, matrix) -> showState(model.stateProperty().get()));
        clear(canvas.getGraphicsContext2D());
    }

    public Parent root() {
        return root;
    }

    private Node parameters() {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(5);
        grid.setPadding(new Insets(8));
        int row = 0;
        ComboBox<RunRow> runs = new ComboBox<>(model.runs());
        runs.setId("actmax-run");
        runs.valueProperty().bindBidirectional(model.runProperty());
        runs.setConverter(runNames());
        runs.setMaxWidth(200);
        grid.addRow(row++, new Label("Run"), runs);
        ComboBox<RunRow> judges = new ComboBox<>(model.runs());
        judges.setId("actmax-judge");
        judges.valueProperty().bindBidirectional(model.judgeProperty());
        judges.setConverter(runNames());
        judges.setMaxWidth(200);
        judges.setPromptText("a second run");
        grid.addRow(row++, new Label("Judge"), judges);
        ComboBox<String> layers = new ComboBox<>(model.layers());
        layers.setId("actmax-layer");
        layers.valueProperty().bindBidirectional(model.layerProperty());
        layers.setMaxWidth(200);
        grid.addRow(row++, new Label("Layer"), layers);
        grid.addRow(row++, new Label("Unit"), intField("actmax-unit", model.unitProperty()::set,
                model.unitProperty().get()));
        ComboBox<Integer> shown = new ComboBox<>();
        shown.setId("actmax-shown");
        for (int c = 0; c < 10; c++) {
            shown.getItems().add(c);
        }
        shown.setConverter(classNames());
        model.classNamesProperty().addListener((obs, old, names) -> {
            shown.getItems().clear();
            for (int c = 0; c < names.size(); c++) {
                shown.getItems().add(c);
            }
            shown.setValue(model.shownProperty().get());
        });
        shown.setValue(0);
        shown.valueProperty().addListener((obs, old, value) -> {
            if (value != null) {
                model.shownProperty().set(value);
            }
        });
        grid.addRow(row++, new Label("Show class"), shown);
        grid.addRow(row++, new Label("Steps"), intField("actmax-steps", model.stepsProperty()::set,
                model.stepsProperty().get()));
        ComboBox<StartImage> startBox = enumBox(StartImage.values(), model.startProperty(), null);
        startBox.setId("actmax-start-image");
        startBox.setTooltip(new javafx.scene.control.Tooltip("image: the image selected in the Dataset tab"));
        grid.addRow(row++, new Label("Start"), startBox);
        grid.addRow(row++, new Label("Step rule"), enumBox(StepRule.values(), model.ruleProperty(), null));
        grid.addRow(row++, new Label("Step size"), doubleField("actmax-step-size", model.stepSizeProperty()::set,
                model.stepSizeProperty().get()));
        grid.addRow(row++, new Label("L2 decay"), doubleField("actmax-l2", model.l2Property()::set,
                model.l2Property().get()));
        grid.addRow(row++, new Label("TV weight"), doubleField("actmax-tv", model.tvProperty()::set,
                model.tvProperty().get()));
        grid.addRow(row++, new Label("Jitter (px)"), intField("actmax-jitter", model.jitterProperty()::set,
                model.jitterProperty().get()));
        grid.addRow(row++, new Label("Rotation (°)"), doubleField("actmax-rotation", model.rotationProperty()::set,
                model.rotationProperty().get()));
        grid.addRow(row++, new Label("Scale (±)"), doubleField("actmax-scale", model.scaleProperty()::set,
                model.scaleProperty().get()));
        grid.addRow(row++, new Label("Blur every"), intField("actmax-blur", model.blurEveryProperty()::set,
                model.blurEveryProperty().get()));
        CheckBox clip = new CheckBox("Clip to real pixel range");
        clip.selectedProperty().bindBidirectional(model.clipProperty());
        grid.add(clip, 0, row++, 2, 1);
        grid.addRow(row++, new Label("Seed"), intField("actmax-seed", v -> model.seedProperty().set(v),
                (int) model.seedProperty().get()));
        Button start = new Button("Start");
        start.setId("actmax-start");
        start.setOnAction(e -> model.start());
        start.disableProperty().bind(model.runningProperty());
        Button stop = new Button("Stop");
        stop.setId("actmax-stop");
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.runningProperty().not());
        Button more = new Button("Continue");
        more.setId("actmax-continue");
        more.setOnAction(e -> model.continueAscent());
        more.disableProperty().bind(model.canContinueProperty().not().or(model.runningProperty()));
        grid.add(new HBox(6, start, stop, more), 0, row++, 2, 1);
        Label status = new Label();
        status.setId("actmax-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        status.setMaxWidth(280);
        grid.add(status, 0, row, 2, 1);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(300);
        return scroll;
    }

    private Node centre() {
        NumberAxis stepAxis = new NumberAxis();
        stepAxis.setLabel("step");
        NumberAxis valueAxis = new NumberAxis();
        valueAxis.setLabel("activation (logit)");
        LineChart<Number, Number> activationChart = new LineChart<>(stepAxis, valueAxis);
        activation.setName("unit activation");
        activationChart.getData().add(activation);
        activationChart.setCreateSymbols(false);
        activationChart.setAnimated(false);
        activationChart.setLegendVisible(false);
        activationChart.setPrefSize(330, 250);
        NumberAxis stepAxis2 = new NumberAxis();
        stepAxis2.setLabel("step");
        NumberAxis probabilityAxis = new NumberAxis(0, 1, 0.2);
        probabilityAxis.setLabel("class probability");
        LineChart<Number, Number> probabilityChart = new LineChart<>(stepAxis2, probabilityAxis);
        probability.setName("probability");
        probabilityChart.getData().add(probability);
        probabilityChart.setCreateSymbols(false);
        probabilityChart.setAnimated(false);
        probabilityChart.setLegendVisible(false);
        probabilityChart.setPrefSize(330, 250);
        Button exportImage = new Button("Export image…");
        exportImage.setId("actmax-export-image");
        // nothing to export before the first ascent (or, for the figure, before its quality measures)
        exportImage.disableProperty().bind(model.stateProperty().isNull());
        exportImage.setOnAction(e -> dialogs.chooseSaveFile("Export the image", "actmax-image.png")
                .ifPresent(model::exportImage));
        VBox canvasBox = new VBox(4, canvas, exportImage);
        HBox live = new HBox(8, canvasBox, activationChart, probabilityChart);
        live.setPadding(new Insets(8));
        gallery.setId("actmax-gallery");
        gallery.setPadding(new Insets(4, 8, 4, 8));
        Button exportGallery = new Button("Export gallery…");
        exportGallery.setId("actmax-export-gallery");
        exportGallery.disableProperty().bind(model.stateProperty().isNull());
        exportGallery.setOnAction(e -> dialogs.chooseSaveFile("Export the gallery", "actmax-gallery.png")
                .ifPresent(model::exportGallery));
        Button exportFigure = new Button("Export figure…");
        exportFigure.setId("actmax-export-figure");
        exportFigure.disableProperty().bind(model.qualityProperty().isNull());
        exportFigure.setOnAction(e -> dialogs.chooseSaveFile("Export the correlation figure", "actmax-correlation.png")
                .ifPresent(model::exportCorrelation));
        summary.setId("actmax-summary");
        summary.setWrapText(true);
        summary.setMaxWidth(900);
        figure.setPreserveRatio(true);
        figure.setFitWidth(620);
        VBox lower = new VBox(6, new HBox(8, new Label("Gallery: every class (click an accuracy to see its errors "
                + "in Diagnosis)"), exportGallery), gallery, new HBox(8, new Label("Does accuracy follow image "
                + "quality?"), exportFigure), summary, figure);
        lower.setPadding(new Insets(4, 8, 8, 8));
        ScrollPane scroll = new ScrollPane(new VBox(live, lower));
        scroll.setFitToWidth(true);
        return scroll;
    }

    private void showState(AscentState state) {
        if (state == null) {
            return;
        }
        PixelScale scale = model.pixelScale();
        if (scale == null) {
            return;
        }
        int index = model.shownIndex(state);
        draw(canvas.getGraphicsContext2D(), state.images()[index], scale, ZOOM);
        showGallery(state, scale);
    }

    private void showGallery(AscentState state, PixelScale scale) {
        List<String> names = model.classNamesProperty().get();
        ConfusionMatrix matrix = model.confusionProperty().get();
        gallery.getChildren().clear();
        for (int i = 0; i < state.size(); i++) {
            int unit = state.units()[i];
            Canvas tile = new Canvas(28 * 3, 28 * 3);
            draw(tile.getGraphicsContext2D(), state.images()[i], scale, 3);
            String name = unit < names.size() ? names.get(unit) : "unit " + unit;
            Label title = new Label(name);
            Label p = new Label(String.format(Locale.ROOT, "p %.3f", state.probability(i)));
            VBox box = new VBox(1, tile, title, p);
            if (matrix != null && unit < matrix.classes()) {
                Hyperlink accuracy = new Hyperlink(String.format(Locale.ROOT, "test acc %.1f%%",
                        100 * matrix.perClass().get(unit).accuracy()));
                accuracy.setId("actmax-accuracy-" + unit);
                accuracy.setOnAction(e -> model.showInDiagnosis(unit));
                box.getChildren().add(accuracy);
            }
            final int shownUnit = unit;
            tile.setOnMouseClicked(e -> model.shownProperty().set(shownUnit));
            gallery.getChildren().add(box);
        }
    }

    private void showTraces() {
        AscentState state = model.stateProperty().get();
        List<List<Ascent.TracePoint>> curves = model.tracesProperty().get();
        if (state == null || curves.isEmpty()) {
            return;
        }
        List<Ascent.TracePoint> curve = curves.get(Math.min(curves.size() - 1, model.shownIndex(state)));
        activation.getData().setAll(curve.stream().map(p -> new XYChart.Data<Number, Number>(p.step(), p.value()))
                .toList());
        probability.getData().setAll(curve.stream().filter(p -> !Float.isNaN(p.probability()))
                .map(p -> new XYChart.Data<Number, Number>(p.step(), p.probability())).toList());
    }

    private void showQuality(QualityStudy quality) {
        if (quality == null) {
            return;
        }
        summary.setText(quality.summary());
        figure.setImage(SwingFXUtils.toFXImage(CorrelationFigure.draw(quality), null));
        showState(model.stateProperty().get());
    }

    /** Enlarged pixels, no smoothing: each input value a zoom×zoom square of its grey level. */
    private static void draw(GraphicsContext g, float[] image, PixelScale scale, int zoom) {
        int width = 28;
        int height = image.length / width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double level = scale.grey(image[y * width + x]) / 255.0;
                g.setFill(Color.gray(level));
                g.fillRect(x * zoom, y * zoom, zoom, zoom);
            }
        }
    }

    private static void clear(GraphicsContext g) {
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, g.getCanvas().getWidth(), g.getCanvas().getHeight());
    }

    private static TextField intField(String id, Consumer<Integer> set, int initial) {
        TextField field = new TextField(String.valueOf(initial));
        field.setId(id);
        field.setPrefColumnCount(6);
        field.textProperty().addListener((obs, old, text) -> {
            try {
                set.accept(Integer.parseInt(text.trim()));
                field.setStyle("");
            } catch (NumberFormatException e) {
                field.setStyle("-fx-border-color: #c62828;");
            }
        });
        return field;
    }

    private static TextField doubleField(String id, Consumer<Double> set, double initial) {
        TextField field = new TextField(String.valueOf(initial));
        field.setId(id);
        field.setPrefColumnCount(6);
        field.textProperty().addListener((obs, old, text) -> {
            try {
                set.accept(Double.parseDouble(text.trim()));
                field.setStyle("");
            } catch (NumberFormatException e) {
                field.setStyle("-fx-border-color: #c62828;");
            }
        });
        return field;
    }

    private static <E extends Enum<E>> ComboBox<E> enumBox(E[] values, Property<E> property, E left) {
        ComboBox<E> box = new ComboBox<>();
        for (E value : values) {
            if (value != left) {
                box.getItems().add(value);
            }
        }
        box.valueProperty().bindBidirectional(property);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(E value) {
                return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public E fromString(String text) {
                return null;
            }
        });
        return box;
    }

    private static StringConverter<RunRow> runNames() {
        return new StringConverter<>() {
            @Override
            public String toString(RunRow row) {
                return row == null ? "" : row.name() + " (" + row.best() + ")";
            }

            @Override
            public RunRow fromString(String text) {
                return null;
            }
        };
    }

    private StringConverter<Integer> classNames() {
        return new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                List<String> names = model.classNamesProperty().get();
                return value == null ? "" : value < names.size() ? value + " " + names.get(value) : String.valueOf(value);
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        };
    }
}
