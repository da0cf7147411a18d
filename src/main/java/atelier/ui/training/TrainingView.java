package atelier.ui.training;

import atelier.train.EpochMetrics;
import atelier.ui.DialogService;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * The Training tab: settings and Start / Pause / Cancel on the left; on the right the curves (training set and test
 * set, loss and accuracy per epoch, and the training loss per iteration) of the live run and of the runs selected
 * in the table below them, each plot exportable to PNG.
 */
public final class TrainingView {
    private final TrainingViewModel model;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final List<RunLegend> legends = new java.util.ArrayList<>();
    private final LineChart<Number, Number> trainLoss = chart("Training loss", "epoch", "loss");
    private final LineChart<Number, Number> trainAccuracy = chart("Training accuracy", "epoch", "accuracy (%)");
    private final LineChart<Number, Number> testLoss = chart("Test loss", "epoch", "loss");
    private final LineChart<Number, Number> testAccuracy = chart("Test accuracy", "epoch", "accuracy (%)");
    private final LineChart<Number, Number> iterationLoss = chart("Training loss per iteration", "iteration",
            "loss");

    public TrainingView(TrainingViewModel model, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        root.setId("training-view");
        root.setLeft(settings());
        SplitPane center = new SplitPane(charts(), runsTable());
        center.setOrientation(javafx.geometry.Orientation.VERTICAL);
        center.setDividerPositions(0.68);
        root.setCenter(center);
        model.chartRevisionProperty().addListener((obs, old, revision) -> redraw());
        redraw();
    }

    public Parent root() {
        return root;
    }

    private VBox settings() {
        ComboBox<String> architecture = new ComboBox<>(model.architectures());
        architecture.setId("architecture-choice");
        architecture.valueProperty().bindBidirectional(model.architectureProperty());
        ChoiceBox<String> optimizer = new ChoiceBox<>();
        optimizer.getItems().addAll("adadelta", "sgd", "adam");
        optimizer.valueProperty().bindBidirectional(model.optimizerProperty());
        CheckBox freeze = new CheckBox("Freeze all but the last layer");
        freeze.selectedProperty().bindBidirectional(model.freezeAllButLastProperty());
        TextField init = field(model.initProperty(), "init");
        init.setPromptText("xavier, he, or checkpoint:PATH");

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        Label dataset = new Label();
        dataset.setId("training-dataset");
        dataset.textProperty().bind(model.datasetNameProperty());
        form.addRow(0, new Label("Dataset"), dataset);
        form.addRow(1, new Label("Architecture"), architecture);
        form.addRow(2, new Label("Initialization"), init);
        form.add(freeze, 0, 3, 2, 1);
        form.addRow(4, new Label("Optimizer"), optimizer);
        form.addRow(5, new Label("Learning rate"), field(model.learningRateProperty(), "learning-rate"));
        form.addRow(6, new Label("Decay per epoch (γ)"), field(model.gammaProperty(), "gamma"));
        form.addRow(7, new Label("Batch size"), field(model.batchSizeProperty(), "batch-size"));
        form.addRow(8, new Label("Epochs"), field(model.epochsProperty(), "epochs"));
        form.addRow(9, new Label("Images (0 = all)"), field(model.limitTrainProperty(), "limit-train"));
        form.addRow(10, new Label("Seed"), field(model.seedProperty(), "seed"));
        form.addRow(11, new Label("Run name"), field(model.runNameProperty(), "run-name"));
        TextField augmentation = field(model.augmentationProperty(), "training-augmentation");
        augmentation.setPromptText("none, or e.g. flip:0.5,crop:4 (Augmentation tab)");
        form.addRow(12, new Label("Augmentation"), augmentation);

        Button start = new Button("Start");
        start.setId("start-training");
        start.setDefaultButton(true);
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.start());
        Button pause = new Button();
        pause.setId("pause-training");
        pause.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(model.runningProperty().not());
        pause.setOnAction(e -> model.pauseOrResume());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-training");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());

        Label error = new Label();
        error.setId("training-error");
        error.setWrapText(true);
        error.getStyleClass().add("error");
        error.textProperty().bind(model.formErrorProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("training-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        Label progress = new Label();
        progress.setId("training-status");
        progress.setWrapText(true);
        progress.textProperty().bind(model.progressTextProperty());
        Label best = new Label();
        best.setId("best-epoch");
        best.getStyleClass().add("best-epoch");
        best.textProperty().bind(model.bestTextProperty());

        VBox box = new VBox(10, form, new HBox(6, start, pause, cancel), error, bar, progress, best);
        box.setPadding(new Insets(10));
        box.setPrefWidth(320);
        return box;
    }

    private static TextField field(javafx.beans.property.StringProperty property, String id) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(10);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private Node charts() {
        VBox trainColumn = column("Training set", trainLoss, trainAccuracy, "training-set.png");
        VBox testColumn = column("Test set", testLoss, testAccuracy, "test-set.png");
        HBox epochs = new HBox(8, trainColumn, testColumn);
        HBox.setHgrow(trainColumn, Priority.ALWAYS);
        HBox.setHgrow(testColumn, Priority.ALWAYS);
        // thousands of decimated points: a line reads better than a symbol on each
        iterationLoss.setCreateSymbols(false);
        iterationLoss.setLegendVisible(false);
        RunLegend iterationLegend = new RunLegend();
        legends.add(iterationLegend);
        VBox iterationPlot = new VBox(2, iterationLoss, iterationLegend);
        VBox iterations = new VBox(4, iterationPlot, exportButton(iterationPlot, "iteration-loss.png"));
        HBox all = new HBox(8, epochs, iterations);
        HBox.setHgrow(epochs, Priority.ALWAYS);
        iterations.setPrefWidth(360);
        all.setPadding(new Insets(6));
        return all;
    }

    private VBox column(String title, LineChart<Number, Number> loss, LineChart<Number, Number> accuracy,
                        String fileName) {
        Label heading = new Label(title);
        heading.getStyleClass().add("selection-title");
        RunLegend legend = new RunLegend();
        legends.add(legend);
        loss.setLegendVisible(false);
        accuracy.setLegendVisible(false);
        VBox plots = new VBox(2, heading, loss, accuracy, legend);
        VBox column = new VBox(4, plots, exportButton(plots, fileName));
        VBox.setVgrow(loss, Priority.ALWAYS);
        VBox.setVgrow(accuracy, Priority.ALWAYS);
        return column;
    }

    private Button exportButton(Node plot, String fileName) {
        Button export = new Button("Export PNG…");
        export.setOnAction(e -> dialogs.chooseSaveFile("Export plot", fileName)
                .ifPresent(path -> PlotExport.write(plot, path, dialogs)));
        return export;
    }

    private Node runsTable() {
        TableView<RunRow> table = new TableView<>(model.runs());
        table.setId("runs-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs yet: start one on the left."));
        table.getColumns().add(column("Run", RunRow::name, 220));
        table.getColumns().add(column("Dataset", RunRow::dataset, 120));
        table.getColumns().add(column("Architecture", RunRow::architecture, 110));
        table.getColumns().add(column("Augmentation", RunRow::augmentation, 140));
        table.getColumns().add(column("Status", RunRow::status, 110));
        table.getColumns().add(column("Best test accuracy", RunRow::best, 160));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) change ->
                model.selectedRuns().setAll(List.copyOf(table.getSelectionModel().getSelectedItems())));
        model.selectedRuns().addListener((ListChangeListener<RunRow>) change -> {
            if (!List.copyOf(table.getSelectionModel().getSelectedItems()).equals(model.selectedRuns())) {
                table.getSelectionModel().clearSelection();
                model.selectedRuns().forEach(row -> table.getSelectionModel().select(row));
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refreshRuns());
        Label hint = new Label("Select several runs (Ctrl+click) to overlay their curves.");
        hint.getStyleClass().add("hint");
        VBox box = new VBox(4, new HBox(8, new Label("Runs"), refresh, hint), table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }

    private static TableColumn<RunRow, String> column(String title, java.util.function.Function<RunRow, String> value,
                                                      double width) {
        TableColumn<RunRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(value.apply(row.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private void redraw() {
        List<ChartRun> runs = model.chartRuns();
        List<String> names = runs.stream().map(ChartRun::name).toList();
        legends.forEach(legend -> legend.show(names));
        plot(trainLoss, runs, EpochMetrics::trainLoss, false);
        plot(trainAccuracy, runs, e -> 100 * e.trainAccuracy(), false);
        plot(testLoss, runs, EpochMetrics::testLoss, false);
        plot(testAccuracy, runs, e -> 100 * e.testAccuracy(), true);
        iterationLoss.getData().clear();
        for (ChartRun run : runs) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(run.name());
            for (double[] point : run.iterationLoss()) {
                series.getData().add(new XYChart.Data<>(point[0], point[1]));
            }
            iterationLoss.getData().add(series);
        }
    }

    private static void plot(LineChart<Number, Number> chart, List<ChartRun> runs,
                             ToDoubleFunction<EpochMetrics> value, boolean markBest) {
        chart.getData().clear();
        for (ChartRun run : runs) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(run.name());
            for (EpochMetrics epoch : run.epochs()) {
                XYChart.Data<Number, Number> point = new XYChart.Data<>(epoch.epoch(), value.applyAsDouble(epoch));
                if (markBest && epoch.epoch() == run.bestEpoch()) {
                    Circle marker = new Circle(5);
                    marker.getStyleClass().add("best-marker");
                    point.setNode(marker);
                } else {
                    Circle dot = new Circle(2.5);
                    dot.getStyleClass().add("epoch-dot");
                    point.setNode(dot);
                }
                series.getData().add(point);
            }
            chart.getData().add(series);
        }
        atelier.ui.Charts.fitEpochAxis(chart, runs.stream().flatMap(run -> run.epochs().stream())
                .mapToInt(EpochMetrics::epoch).max().orElse(0));
    }

    private static LineChart<Number, Number> chart(String title, String xLabel, String yLabel) {
        return atelier.ui.Charts.lineChart(title, xLabel, yLabel);
    }
}
