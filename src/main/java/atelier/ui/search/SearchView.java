package atelier.ui.search;

import atelier.search.SearchState;
import atelier.ui.Charts;
import atelier.ui.DialogService;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Search tab's layout: on the left the space editor, the budget and settings, saved searches and how the
 * strategy works; on the right the budget bar, the plots (accuracy against parameters with the Pareto front,
 * accuracy against time, parallel coordinates), the trials table and the chosen trial's curves.
 */
public final class SearchView {
    private final SearchViewModel model;
    private final SplitPane root = new SplitPane();
    private final LineChart<Number, Number> scatter = Charts.lineChart("Validation accuracy vs parameters",
            "parameters (log scale)", "validation accuracy");
    private final LineChart<Number, Number> overTime = Charts.lineChart("Validation accuracy vs time",
            "minutes of budget", "validation accuracy");
    private final ParallelCoordinates parallel = new ParallelCoordinates();
    private final LineChart<Number, Number> trialAccuracy = Charts.lineChart("Accuracy by images seen",
            "images seen", "accuracy");
    private final LineChart<Number, Number> trialLoss = Charts.lineChart("Training loss per batch", "batch",
            "loss");

    public SearchView(SearchViewModel model, DialogService dialogs) {
        this.model = model;
        root.setId("search-view");
        ScrollPane left = new ScrollPane(controls());
        left.setFitToWidth(true);
        left.setMinWidth(260);
        root.getItems().addAll(left, results());
        root.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(left, false);
        model.stateProperty().addListener((obs, old, state) -> drawPlots(state));
        model.curveAccuracy().addListener((ListChangeListener<SearchPlots.Point>) c -> drawCurves());
        model.curveLoss().addListener((ListChangeListener<SearchPlots.Point>) c -> drawCurves());
    }

    public Parent root() {
        return root;
    }

    private VBox controls() {
        TextArea space = new TextArea();
        space.setId("space-editor");
        space.getStyleClass().add("space-editor");
        space.textProperty().bindBidirectional(model.spaceTextProperty());
        space.setPrefRowCount(12);
        Label spaceProblem = new Label();
        spaceProblem.setId("space-problem");
        spaceProblem.getStyleClass().add("error");
        spaceProblem.setWrapText(true);
        spaceProblem.textProperty().bind(model.spaceProblemProperty());
        Button defaults = new Button("Default space");
        defaults.setOnAction(e -> model.resetSpace());

        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(4);
        row(form, 0, "Budget (minutes)", "budget", model.budgetMinutesProperty());
        row(form, 1, "Seed", "search-seed", model.seedProperty());
        row(form, 2, "Name (optional)", "search-name", model.nameProperty());
        row(form, 3, "Training subset (0 = all)", "search-limit", model.limitTrainProperty());
        row(form, 4, "Images at rung 0", "rung-images", model.rungImagesProperty());
        row(form, 5, "Validation images", "validation-images", model.validationImagesProperty());
        row(form, 6, "Final models", "final-models", model.finalModelsProperty());
        row(form, 7, "Final epochs", "final-epochs", model.finalEpochsProperty());

        Button start = new Button("Start");
        start.setId("start-search");
        start.setDefaultButton(true);
        start.disableProperty().bind(model.runningProperty().or(model.spaceProblemProperty().isNotEmpty()));
        start.setOnAction(e -> model.start());
        Button stop = new Button("Stop");
        stop.setId("stop-search");
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.stop());

        ComboBox<String> saved = new ComboBox<>(model.searches());
        saved.setId("searches");
        saved.setPromptText("Saved searches");
        saved.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(saved, Priority.ALWAYS);
        saved.setOnShowing(e -> model.refreshSearches());
        Button open = new Button("Open");
        open.setId("open-search");
        open.disableProperty().bind(model.runningProperty().or(saved.valueProperty().isNull()));
        open.setOnAction(e -> model.open(saved.getValue()));
        Button resume = new Button("Resume");
        resume.setId("resume-search");
        resume.disableProperty().bind(model.runningProperty().or(Bindings.createBooleanBinding(
                () -> model.stateProperty().get() == null
                        || model.stateProperty().get().phase() == SearchState.Phase.DONE, model.stateProperty())));
        resume.setOnAction(e -> model.resume());
        // the saved-search list narrows before the buttons lose their words
        saved.setMinWidth(60);
        open.setMinWidth(Region.USE_PREF_SIZE);
        resume.setMinWidth(Region.USE_PREF_SIZE);

        Label error = new Label();
        error.setId("search-form-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(model.formErrorProperty());

        Label explanation = new Label(SearchViewModel.EXPLANATION);
        explanation.setId("search-explanation");
        explanation.setWrapText(true);
        TitledPane how = new TitledPane("How the search works", explanation);
        how.setExpanded(true);

        VBox box = new VBox(6, new Label("Search space (JSON)"), space, spaceProblem, defaults, form,
                new HBox(6, start, stop), new HBox(6, saved, open, resume), error, how);
        box.setPadding(new Insets(8));
        return box;
    }

    private static void row(GridPane form, int row, String label, String id,
                            javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(7);
        field.textProperty().bindBidirectional(value);
        Label name = new Label(label);
        // the label keeps its whole text in a narrow window (1024 pixels); the field takes what width is left
        name.setMinWidth(Region.USE_PREF_SIZE);
        form.addRow(row, name, field);
    }

    private VBox results() {
        ProgressBar budget = new ProgressBar();
        budget.setId("budget-bar");
        budget.setPrefWidth(220);
        budget.setMinWidth(160);
        budget.progressProperty().bind(model.budgetProgressProperty());
        Label budgetText = new Label();
        budgetText.setId("budget-text");
        budgetText.textProperty().bind(model.budgetTextProperty());
        Label status = new Label();
        status.setId("search-status");
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.textProperty().bind(model.statusProperty());

        scatter.setId("search-scatter");
        overTime.setId("search-over-time");
        NumberAxis logAxis = (NumberAxis) scatter.getXAxis();
        logAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number exponent) {
                return compact(Math.pow(10, exponent.doubleValue()));
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        GridPane plots = new GridPane();
        plots.setHgap(4);
        for (int i = 0; i < 3; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100 / 3.0);
            plots.getColumnConstraints().add(column);
        }
        RowConstraints fill = new RowConstraints();
        fill.setVgrow(Priority.ALWAYS);
        plots.getRowConstraints().add(fill);
        plots.addRow(0, scatter, overTime, parallel);
        for (var node : List.of(scatter, overTime, parallel)) {
            GridPane.setHgrow(node, Priority.ALWAYS);
            GridPane.setVgrow(node, Priority.ALWAYS);
        }
        scatter.setMinSize(120, 140);
        overTime.setMinSize(120, 140);

        TableView<TrialRow> table = trialsTable();
        Button openIn = new Button("Open in Architecture");
        openIn.setId("open-in-architecture");
        openIn.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        openIn.setOnAction(e -> model.openInArchitecture(table.getSelectionModel().getSelectedItem()));
        TextField epochs = new TextField();
        epochs.setId("train-epochs");
        epochs.setPrefColumnCount(3);
        epochs.textProperty().bindBidirectional(model.trainEpochsProperty());
        Button train = new Button("Train");
        train.setId("train-trial");
        train.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        train.setOnAction(e -> model.train(table.getSelectionModel().getSelectedItem()));
        HBox actions = new HBox(6, openIn, train, new Label("epochs"), epochs);
        VBox tableBox = new VBox(4, table, actions);
        VBox.setVgrow(table, Priority.ALWAYS);

        Label curveTitle = new Label();
        curveTitle.setId("trial-curve-title");
        curveTitle.setWrapText(true);
        curveTitle.textProperty().bind(model.curveTitleProperty());
        trialAccuracy.setId("trial-accuracy");
        trialLoss.setId("trial-loss");
        trialLoss.setCreateSymbols(false);
        HBox curveCharts = new HBox(4, trialAccuracy, trialLoss);
        HBox.setHgrow(trialAccuracy, Priority.ALWAYS);
        HBox.setHgrow(trialLoss, Priority.ALWAYS);
        trialAccuracy.setMinWidth(120);
        trialLoss.setMinWidth(120);
        VBox curves = new VBox(4, curveTitle, curveCharts);
        VBox.setVgrow(curveCharts, Priority.ALWAYS);

        SplitPane bottom = new SplitPane(tableBox, curves);
        bottom.setDividerPositions(0.55);
        SplitPane vertical = new SplitPane(plots, bottom);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.45);
        HBox budgetRow = new HBox(8, budget, budgetText);
        VBox box = new VBox(4, budgetRow, status, vertical);
        VBox.setVgrow(vertical, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }

    private TableView<TrialRow> trialsTable() {
        TableView<TrialRow> table = new TableView<>(model.trials());
        table.setId("trials-table");
        table.setPlaceholder(new Label("No trials yet"));
        table.getColumns().add(column("#", 36, r -> Integer.toString(r.id()) + (r.pareto() ? " ★" : "")));
        table.getColumns().add(column("Design", 250, TrialRow::design));
        table.getColumns().add(column("Rung", 44, r -> r.rung() < 0 ? "–" : Integer.toString(r.rung())));
        table.getColumns().add(column("Val. acc.", 70, r -> Double.isNaN(r.validationAccuracy()) ? "–"
                : String.format(Locale.ROOT, "%.2f%%", 100 * r.validationAccuracy())));
        table.getColumns().add(column("Parameters", 84, r -> String.format(Locale.ROOT, "%,d", r.parameters())));
        table.getColumns().add(column("Images/s", 64, r -> Double.isNaN(r.imagesPerSecond()) ? "–"
                : String.format(Locale.ROOT, "%.0f", r.imagesPerSecond())));
        table.getColumns().add(column("Time", 56, r -> SearchViewModel.minutes(r.seconds())));
        table.getColumns().add(column("Status", 120, TrialRow::status));
        // the curves follow the selection (arrow keys walk through the trials); double-click shows them again
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.showTrial(row));
        table.setRowFactory(view -> {
            TableRow<TrialRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.showTrial(row.getItem());
                }
            });
            return row;
        });
        return table;
    }

    private static TableColumn<TrialRow, String> column(String title, double width,
                                                        java.util.function.Function<TrialRow, String> text) {
        TableColumn<TrialRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new javafx.beans.property.SimpleStringProperty(
                text.apply(cell.getValue())));
        return column;
    }

    private void drawPlots(SearchState state) {
        scatter.getData().clear();
        overTime.getData().clear();
        if (state == null) {
            parallel.setLines(List.of());
            return;
        }
        List<List<SearchPlots.Point>> rungs = SearchPlots.byRung(state);
        for (int rung = 0; rung < rungs.size(); rung++) {
            scatter.getData().add(series("rung " + rung, rungs.get(rung)));
        }
        scatter.getData().add(series("Pareto front", SearchPlots.paretoFront(state)));
        List<SearchPlots.Point> points = SearchPlots.accuracyOverTime(state);
        overTime.getData().add(series("segments", points));
        overTime.getData().add(series("best so far", SearchPlots.bestSoFar(points)));
        hideLines(scatter, rungs.size());
        hideLines(overTime, 1);
        parallel.setLines(SearchPlots.parallelCoordinates(state));
    }

    /** The first {@code count} series are points only; the last one of each chart is a line. */
    private static void hideLines(LineChart<Number, Number> chart, int count) {
        for (int i = 0; i < count && i < chart.getData().size(); i++) {
            var node = chart.getData().get(i).getNode();
            if (node != null) {
                node.setStyle("-fx-stroke: transparent;");
            }
        }
    }

    private void drawCurves() {
        trialAccuracy.getData().clear();
        trialLoss.getData().clear();
        if (!model.curveAccuracy().isEmpty()) {
            trialAccuracy.getData().add(series("validation", model.curveAccuracy()));
            trialAccuracy.getData().add(series("training", model.curveTrainAccuracy()));
        }
        if (!model.curveLoss().isEmpty()) {
            trialLoss.getData().add(series("loss", model.curveLoss()));
        }
    }

    private static XYChart.Series<Number, Number> series(String name, List<SearchPlots.Point> points) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (SearchPlots.Point p : points) {
            series.getData().add(new XYChart.Data<>(p.x(), p.y()));
        }
        return series;
    }

    static String compact(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", value / 1e6);
        }
        if (value >= 1e3) {
            return String.format(Locale.ROOT, "%.0fk", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
