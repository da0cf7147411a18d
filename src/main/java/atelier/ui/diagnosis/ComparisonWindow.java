package atelier.ui.diagnosis;

import atelier.train.EpochMetrics;
import atelier.ui.Charts;
import atelier.ui.DialogService;
import atelier.ui.diagnosis.ComparisonViewModel.Summary;
import atelier.ui.training.PlotExport;
import atelier.ui.training.RunRow;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The before/after window: the two runs' figures in a table, their training and test curves overlaid, and their
 * test-set confusion matrices side by side.
 */
final class ComparisonWindow {
    private final ComparisonViewModel model;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final ConfusionHeatmap beforeHeatmap = new ConfusionHeatmap();
    private final ConfusionHeatmap afterHeatmap = new ConfusionHeatmap();

    ComparisonWindow(ComparisonViewModel model, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        root.setId("comparison");
        root.setPadding(new Insets(10));
        root.setTop(header());
        root.setCenter(new VBox(10, matrices(), curves()));
        model.beforeMatrixProperty().addListener((obs, o, n) -> beforeHeatmap.show(n, model.classesProperty().get(),
                false, (a, p) -> { }));
        model.afterMatrixProperty().addListener((obs, o, n) -> afterHeatmap.show(n, model.classesProperty().get(),
                false, (a, p) -> { }));
    }

    void show(Node owner) {
        Stage stage = new Stage();
        stage.setTitle("Before / after: " + model.before().name() + " and " + model.after().name());
        if (owner.getScene() != null) {
            stage.initOwner(owner.getScene().getWindow());
        }
        Scene scene = new Scene(root, 1240, 770);
        if (owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        model.load();
    }

    private Node header() {
        TableView<Summary> table = new TableView<>();
        table.setId("comparison-summary");
        table.getItems().setAll(model.summaries());
        table.setPrefHeight(86);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("", Summary::role));
        table.getColumns().add(column("Run", Summary::run));
        table.getColumns().add(column("Data", Summary::data));
        table.getColumns().add(column("Training images", s -> String.format("%,d", s.trainImages())));
        table.getColumns().add(column("Best epoch", s -> Integer.toString(s.bestEpoch())));
        table.getColumns().add(column("Best test accuracy", s -> String.format("%.2f%%", 100 * s.bestTestAccuracy())));
        table.getColumns().add(column("Test loss at best", s -> String.format("%.4f", s.testLossAtBest())));
        table.getColumns().add(column("Last test accuracy", s -> String.format("%.2f%%", 100 * s.lastTestAccuracy())));
        Label verdict = new Label(model.verdict());
        verdict.setId("comparison-verdict");
        verdict.getStyleClass().add("selection-title");
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        Button export = new Button("Export PNG…");
        export.setOnAction(e -> dialogs.chooseSaveFile("Export comparison", "before-after.png")
                .ifPresent(path -> PlotExport.write(root, path, dialogs)));
        HBox line = new HBox(12, verdict, status, export);
        VBox box = new VBox(6, table, line);
        box.setPadding(new Insets(0, 0, 8, 0));
        return box;
    }

    private static TableColumn<Summary, String> column(String title, Function<Summary, String> text) {
        TableColumn<Summary, String> column = new TableColumn<>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(text.apply(row.getValue())));
        return column;
    }

    private Node matrices() {
        HBox box = new HBox(16, titled("Before: " + model.before().name(), beforeHeatmap),
                titled("After: " + model.after().name(), afterHeatmap));
        return box;
    }

    private static Node titled(String title, Node content) {
        Label label = new Label(title + " (test set, best checkpoint)");
        label.getStyleClass().add("selection-title");
        return new VBox(4, label, content);
    }

    private Node curves() {
        LineChart<Number, Number> accuracy = chart("Accuracy per epoch", "accuracy (%)");
        LineChart<Number, Number> loss = chart("Loss per epoch", "loss");
        for (RunRow run : new RunRow[] {model.before(), model.after()}) {
            String role = run == model.before() ? "before" : "after";
            accuracy.getData().add(series(role + " · test", run, e -> 100 * e.testAccuracy()));
            accuracy.getData().add(series(role + " · training", run, e -> 100 * e.trainAccuracy()));
            loss.getData().add(series(role + " · test", run, EpochMetrics::testLoss));
            loss.getData().add(series(role + " · training", run, EpochMetrics::trainLoss));
        }
        int lastEpoch = Math.max(model.before().record().epochs().size(), model.after().record().epochs().size());
        Charts.fitEpochAxis(accuracy, lastEpoch);
        Charts.fitEpochAxis(loss, lastEpoch);
        HBox box = new HBox(10, accuracy, loss);
        HBox.setHgrow(accuracy, Priority.ALWAYS);
        HBox.setHgrow(loss, Priority.ALWAYS);
        return box;
    }

    private static XYChart.Series<Number, Number> series(String name, RunRow run,
                                                         ToDoubleFunction<EpochMetrics> value) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (EpochMetrics epoch : run.record().epochs()) {
            series.getData().add(new XYChart.Data<>(epoch.epoch(), value.applyAsDouble(epoch)));
        }
        return series;
    }

    private static LineChart<Number, Number> chart(String title, String yLabel) {
        LineChart<Number, Number> chart = Charts.lineChart(title, "epoch", yLabel);
        chart.setPrefHeight(250);
        return chart;
    }
}
