package atelier.ui.training;

import atelier.train.EpochMetrics;
import atelier.train.LearningRateSchedule;
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
import javafx.util.StringConverter;

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
        // shown as the shared state says; a choice here goes through the model, which resets what belonged to the
        // previous architecture (a VGG16 resize must not follow mnist-net)
        architecture.setValue(model.architectureProperty().get());
        model.architectureProperty().addListener((obs, old, now) -> architecture.setValue(now));
        architecture.valueProperty().addListener((obs, old, now) -> model.chooseArchitecture(now));
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
        ChoiceBox<LearningRateSchedule> schedule = new ChoiceBox<>();
        schedule.setId("schedule");
        schedule.getItems().addAll(LearningRateSchedule.values());
        schedule.setConverter(new StringConverter<>() {
            @Override
            public String toString(LearningRateSchedule value) {
                return value == null ? "" : value.description();
            }

            @Override
            public LearningRateSchedule fromString(String text) {
                return LearningRateSchedule.parse(text);
            }
        });
        schedule.valueProperty().bindBidirectional(model.scheduleProperty());
        schedule.setTooltip(new javafx.scene.control.Tooltip("step: the rate times γ after every epoch (StepLR)\n"
                + "cosine: from the rate down to 0 over the run, after every batch (CosineAnnealingLR)\n"
                + "one cycle: up from rate/25 to the rate over the first 30% of the steps, then down to near 0 "
                + "(OneCycleLR)"));
        TextField gamma = field(model.gammaProperty(), "gamma");
        // γ steps the learning rate only in the step schedule; the others follow their curve to the run's end
        gamma.disableProperty().bind(model.scheduleProperty().isNotEqualTo(LearningRateSchedule.STEP));
        form.addRow(6, new Label("Schedule"), schedule);
        form.addRow(7, new Label("Decay per epoch (γ)"), gamma);
        form.addRow(8, new Label("Batch size"), field(model.batchSizeProperty(), "batch-size"));
        form.addRow(9, new Label("Epochs"), field(model.epochsProperty(), "epochs"));
        form.addRow(10, new Label("Images (0 = all)"), field(model.limitTrainProperty(), "limit-train"));
        form.addRow(11, new Label("Seed"), field(model.seedProperty(), "seed"));
        form.addRow(12, new Label("Run name"), field(model.runNameProperty(), "run-name"));
        TextField augmentation = field(model.augmentationProperty(), "training-augmentation");
        augmentation.setPromptText("none, or e.g. flip:0.5,crop:4 (Augmentation tab)");
        form.addRow(13, new Label("Augmentation"), augmentation);
        // the labels keep their whole text; the fields take what width is left
        form.getChildren().stream().filter(node -> node instanceof Label && GridPane.getColumnIndex(node) == 0)
                .forEach(label -> ((Label) label).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));

        Button start = new Button("Start");
        start.setId("start-training");
        start.setDefaultButton(true);
        // while a run trains, Start queues the next one
        start.textProperty().bind(Bindings.when(model.runningProperty()).then("Queue").otherwise("Start"));
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
        table.setEditable(true);
        TableColumn<RunRow, String> name = column("Run", RunRow::name, 180);
        // double-click a name to rename the run (names are unique: the store refuses one that is taken)
        name.setCellFactory(javafx.scene.control.cell.TextFieldTableCell.forTableColumn());
        name.setEditable(true);
        name.setOnEditCommit(edit -> model.rename(edit.getRowValue(), edit.getNewValue()));
        table.getColumns().add(name);
        table.getColumns().add(column("Dataset", RunRow::dataset, 100));
        table.getColumns().add(column("Architecture", RunRow::architecture, 100));
        table.getColumns().add(column("Status", RunRow::status, 90));
        table.getColumns().add(column("Best test accuracy", RunRow::best, 130));
        table.getColumns().add(column("Epochs", RunRow::epochs, 60));
        table.getColumns().add(column("Duration", RunRow::duration, 80));
        table.getColumns().add(column("Date", RunRow::date, 115));
        table.getColumns().add(column("Optimizer", RunRow::optimizer, 75));
        table.getColumns().add(column("Learning rate", RunRow::learningRate, 105));
        table.getColumns().add(column("Batch", RunRow::batch, 50));
        table.getColumns().add(column("Images", RunRow::images, 70));
        table.getColumns().add(column("Augmentation", RunRow::augmentation, 100));
        table.getColumns().forEach(c -> c.setEditable(c == name));
        javafx.scene.control.MenuItem load = new javafx.scene.control.MenuItem("Load these settings into the form");
        load.setOnAction(e -> model.loadSettings(table.getSelectionModel().getSelectedItem()));
        javafx.scene.control.MenuItem resumeItem = new javafx.scene.control.MenuItem("Resume");
        resumeItem.setOnAction(e -> model.resume(table.getSelectionModel().getSelectedItem()));
        javafx.scene.control.MenuItem trash = new javafx.scene.control.MenuItem("Move to trash");
        trash.setOnAction(e -> model.delete(List.copyOf(table.getSelectionModel().getSelectedItems())));
        table.setContextMenu(new javafx.scene.control.ContextMenu(load, resumeItem, trash));
        // the table and the model's selection follow each other; while one copies into the other, the echo of
        // that copy is ignored (it would empty the list being copied, as replacing the rows empties the table's)
        boolean[] syncing = {false};
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) change -> {
            if (!syncing[0]) {
                model.selectedRuns().setAll(List.copyOf(table.getSelectionModel().getSelectedItems()));
            }
        });
        model.selectedRuns().addListener((ListChangeListener<RunRow>) change -> {
            List<RunRow> wanted = List.copyOf(model.selectedRuns());
            if (!List.copyOf(table.getSelectionModel().getSelectedItems()).equals(wanted)) {
                syncing[0] = true;
                try {
                    table.getSelectionModel().clearSelection();
                    wanted.forEach(row -> table.getSelectionModel().select(row));
                } finally {
                    syncing[0] = false;
                }
            }
        });
        model.runs().addListener((ListChangeListener<RunRow>) change -> {
            if (!syncing[0]) {
                List<RunRow> wanted = List.copyOf(model.selectedRuns());
                syncing[0] = true;
                try {
                    table.getSelectionModel().clearSelection();
                    wanted.stream().filter(model.runs()::contains).forEach(table.getSelectionModel()::select);
                } finally {
                    syncing[0] = false;
                }
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refreshRuns());
        Button resume = new Button("Resume");
        resume.setId("resume-run");
        resume.setTooltip(new javafx.scene.control.Tooltip(
                "Continue the selected interrupted, cancelled or failed run from its last checkpoint"));
        resume.disableProperty().bind(Bindings.createBooleanBinding(() -> model.selectedRuns().size() != 1
                || model.selectedRuns().get(0).record() == null
                || !model.selectedRuns().get(0).record().resumable(), model.selectedRuns()));
        resume.setOnAction(e -> model.resume(model.selectedRuns().get(0)));
        Button loadSettings = new Button("Load settings");
        loadSettings.setId("load-settings");
        loadSettings.setTooltip(new javafx.scene.control.Tooltip("Load the selected run's settings into the form"));
        loadSettings.disableProperty().bind(Bindings.size(model.selectedRuns()).isNotEqualTo(1));
        loadSettings.setOnAction(e -> model.loadSettings(model.selectedRuns().get(0)));
        Button delete = new Button("Delete");
        delete.setId("delete-runs");
        delete.setTooltip(new javafx.scene.control.Tooltip("Move the selected runs to the workspace's trash folder"));
        delete.disableProperty().bind(Bindings.isEmpty(model.selectedRuns()));
        delete.setOnAction(e -> model.delete(List.copyOf(model.selectedRuns())));
        Button undoDelete = new Button("Undo delete");
        undoDelete.setId("undo-delete");
        undoDelete.visibleProperty().bind(Bindings.isNotEmpty(model.trashed()));
        undoDelete.managedProperty().bind(undoDelete.visibleProperty());
        undoDelete.setOnAction(e -> model.undoDelete());
        Label hint = new Label("Ctrl+click: overlay runs · double-click a name: rename");
        hint.getStyleClass().add("hint");
        hint.setMinWidth(0);
        javafx.scene.layout.FlowPane tools = new javafx.scene.layout.FlowPane(8, 4, new Label("Runs"), refresh,
                resume, loadSettings, delete, undoDelete, hint);
        tools.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(4, tools, table);
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
        legends.forEach(legend -> legend.show(runs));
        plot(trainLoss, runs, EpochMetrics::trainLoss, false, false);
        plot(trainAccuracy, runs, e -> 100 * e.trainAccuracy(), false, true);
        plot(testLoss, runs, EpochMetrics::testLoss, false, false);
        plot(testAccuracy, runs, e -> 100 * e.testAccuracy(), true, true);
        iterationLoss.getData().clear();
        for (ChartRun run : runs) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(run.name());
            for (double[] point : run.iterationLoss()) {
                series.getData().add(new XYChart.Data<>(point[0], point[1]));
            }
            iterationLoss.getData().add(series);
            paint(series, run.colour());
        }
    }

    /** The run's own colour on its line (the dots carry it themselves). */
    private static void paint(XYChart.Series<Number, Number> series, String colour) {
        if (series.getNode() != null) {
            series.getNode().setStyle("-fx-stroke: " + colour + ";");
        }
    }

    private static void plot(LineChart<Number, Number> chart, List<ChartRun> runs,
                             ToDoubleFunction<EpochMetrics> value, boolean markBest, boolean percent) {
        chart.getData().clear();
        for (ChartRun run : runs) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(run.name());
            for (EpochMetrics epoch : run.epochs()) {
                XYChart.Data<Number, Number> point = new XYChart.Data<>(epoch.epoch(), value.applyAsDouble(epoch));
                if (markBest && epoch.epoch() == run.bestEpoch()) {
                    Circle marker = new Circle(5);
                    marker.getStyleClass().add("best-marker");
                    // the best epoch: the run's colour inside a gold ring, so each run's best stays its own
                    marker.setStyle("-fx-fill: " + run.colour() + "; -fx-stroke: #e0a800; -fx-stroke-width: 2.5;");
                    point.setNode(marker);
                } else {
                    Circle dot = new Circle(2.5);
                    dot.getStyleClass().add("epoch-dot");
                    dot.setStyle("-fx-fill: " + run.colour() + ";");
                    point.setNode(dot);
                }
                series.getData().add(point);
            }
            chart.getData().add(series);
            paint(series, run.colour());
        }
        NumberAxis y = (NumberAxis) chart.getYAxis();
        boolean empty = runs.stream().allMatch(run -> run.epochs().isEmpty());
        // with nothing drawn an auto-ranged axis invents a range (0 to 10,000 on an accuracy in percent)
        y.setAutoRanging(!empty);
        if (empty) {
            y.setLowerBound(0);
            y.setUpperBound(percent ? 100 : 1);
            y.setTickUnit(percent ? 20 : 0.2);
        }
        atelier.ui.Charts.fitEpochAxis(chart, runs.stream().flatMap(run -> run.epochs().stream())
                .mapToInt(EpochMetrics::epoch).max().orElse(0));
    }

    private static LineChart<Number, Number> chart(String title, String xLabel, String yLabel) {
        return atelier.ui.Charts.lineChart(title, xLabel, yLabel);
    }
}
