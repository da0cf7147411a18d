package atelier.ui.study;

import atelier.ui.DialogService;
import java.awt.Desktop;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Studies tab: on the left a new study (a sheet, or runs to compare; epochs and training subset) and the
 * studies so far; on the right the running study's progress with Pause and Stop, the steps with their results,
 * and the report's figures (missing ones with their reason) with buttons to open the HTML and the PDF.
 */
public final class StudyView {
    private final StudyViewModel model;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();

    public StudyView(StudyViewModel model, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        root.setLeft(sidebar());
        root.setCenter(main());
        root.getStyleClass().add("study-tab");
        model.refresh();
    }

    private Node sidebar() {
        Label heading = new Label("New study");
        heading.getStyleClass().add("study-heading");
        ComboBox<StudyChoice> choice = new ComboBox<>();
        choice.setId("study-choice");
        choice.getItems().setAll(StudyChoice.values());
        choice.valueProperty().bindBidirectional(model.choiceProperty());
        choice.setMaxWidth(Double.MAX_VALUE);

        TextField name = field("study-name", model.nameProperty());
        TextField epochs = field("study-epochs", model.epochsProperty());
        TextField limit = field("study-limit", model.limitTrainProperty());
        GridPane settings = new GridPane();
        settings.setHgap(6);
        settings.setVgap(4);
        settings.addRow(0, new Label("Name"), name);
        settings.addRow(1, new Label("Epochs"), epochs);
        settings.addRow(2, new Label("Training images"), limit);
        Label limitHint = new Label("0 uses the whole training set");
        limitHint.getStyleClass().add("study-hint");
        settings.add(limitHint, 1, 3);

        Label runsLabel = new Label("Runs to compare (Ctrl+click)");
        ListView<String> runs = new ListView<>(model.runs());
        runs.setId("study-runs");
        runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runs.getSelectionModel().getSelectedItems().addListener((ListChangeListener<String>) change ->
                model.pickedRuns().setAll(runs.getSelectionModel().getSelectedItems()));
        runs.setPrefHeight(140);
        VBox runsBox = new VBox(3, runsLabel, runs);
        runsBox.visibleProperty().bind(model.choiceProperty().isEqualTo(StudyChoice.RUNS));
        runsBox.managedProperty().bind(runsBox.visibleProperty());

        Button start = new Button("Start");
        start.setId("start-study");
        start.setDefaultButton(true);
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.start());
        start.setMaxWidth(Double.MAX_VALUE);

        Label studiesHeading = new Label("Studies");
        studiesHeading.getStyleClass().add("study-heading");
        ListView<StudyRow> studies = new ListView<>(model.studies());
        studies.setId("studies-list");
        studies.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.select(row.name());
            }
        });
        // the list follows the study being shown (a started study, a refreshed list)
        Runnable follow = () -> {
            String shown = model.selectedProperty().get();
            StudyRow current = studies.getSelectionModel().getSelectedItem();
            if (shown != null && (current == null || !current.name().equals(shown))) {
                studies.getItems().stream().filter(row -> row.name().equals(shown)).findFirst()
                        .ifPresent(row -> studies.getSelectionModel().select(row));
            }
        };
        model.selectedProperty().addListener(obs -> follow.run());
        model.studies().addListener((ListChangeListener<StudyRow>) change -> follow.run());
        VBox.setVgrow(studies, Priority.ALWAYS);
        Button resume = new Button("Resume");
        resume.setId("resume-study");
        resume.disableProperty().bind(model.runningProperty().or(model.selectedProperty().isNull()));
        resume.setOnAction(e -> model.resumeSelected());
        Button report = new Button("Make report");
        report.setId("make-report");
        report.disableProperty().bind(model.selectedProperty().isNull());
        report.setOnAction(e -> model.makeReport());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        HBox studyButtons = new HBox(6, resume, report, refresh);

        VBox box = new VBox(6, heading, choice, settings, runsBox, start, new Separator(), studiesHeading, studies,
                studyButtons);
        box.setPadding(new Insets(8));
        box.setPrefWidth(300);
        box.setMinWidth(250);
        return box;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        field.setPrefColumnCount(10);
        return field;
    }

    private Node main() {
        ProgressBar progress = new ProgressBar();
        progress.setId("study-progress");
        progress.progressProperty().bind(model.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label eta = new Label();
        eta.setId("study-eta");
        eta.textProperty().bind(model.etaProperty());
        Button pause = new Button();
        pause.setId("pause-study");
        pause.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume training").otherwise("Pause"));
        pause.disableProperty().bind(model.runningProperty().not());
        pause.setOnAction(e -> {
            if (model.pausedProperty().get()) {
                model.resumeTraining();
            } else {
                model.pause();
            }
        });
        Button stop = new Button("Stop");
        stop.setId("stop-study");
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.cancel());
        HBox bar = new HBox(8, progress, eta, pause, stop);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("study-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);

        TableView<ResultRow> table = new TableView<>(model.results());
        table.setId("study-results");
        table.getColumns().add(column("Step", ResultRow::step, 170));
        table.getColumns().add(column("Status", ResultRow::status, 65));
        table.getColumns().add(column("Best epoch", ResultRow::bestEpoch, 75));
        table.getColumns().add(column("Test accuracy", ResultRow::testAccuracy, 95));
        table.getColumns().add(column("Note", ResultRow::note, 330));
        table.getColumns().add(column("Run", ResultRow::run, 280));
        table.getColumns().add(column("Kind", ResultRow::kind, 80));
        table.setPlaceholder(new Label("Select a study to see its steps and results"));

        FlowPane figures = new FlowPane(12, 12);
        figures.setId("study-figures");
        figures.setPadding(new Insets(6));
        model.figures().addListener((ListChangeListener<FigureItem>) change -> {
            figures.getChildren().clear();
            model.figures().forEach(item -> figures.getChildren().add(figureNode(item)));
        });
        ScrollPane scroll = new ScrollPane(figures);
        scroll.setFitToWidth(true);
        figures.prefWrapLengthProperty().bind(scroll.widthProperty().subtract(24));
        Button openHtml = new Button("Open report (HTML)");
        openHtml.setId("open-report-html");
        openHtml.disableProperty().bind(model.reportHtmlProperty().isNull());
        openHtml.setOnAction(e -> open(model.reportHtmlProperty().get()));
        Button openPdf = new Button("Open PDF");
        openPdf.setId("open-report-pdf");
        openPdf.disableProperty().bind(model.reportPdfProperty().isNull());
        openPdf.setOnAction(e -> open(model.reportPdfProperty().get()));
        Label figuresHeading = new Label("Figures of the report");
        figuresHeading.getStyleClass().add("study-heading");
        HBox figureBar = new HBox(8, figuresHeading, openHtml, openPdf);
        figureBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox figureBox = new VBox(4, figureBar, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        SplitPane split = new SplitPane(table, figureBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(6, bar, status, split);
        box.setPadding(new Insets(8));
        return box;
    }

    private static Node figureNode(FigureItem item) {
        if (item.missing()) {
            Label missing = new Label(item.title() + ": not available — " + item.missingReason());
            missing.setWrapText(true);
            // a wrapping label's preferred width is its whole text on one line: fix it, or the flow grows sideways
            missing.setPrefWidth(420);
            missing.setMaxWidth(420);
            missing.getStyleClass().add("study-missing-figure");
            return missing;
        }
        ImageView image = new ImageView(new Image(item.image().toUri().toString(), 420, 0, true, true, true));
        image.setPreserveRatio(true);
        image.setFitWidth(420);
        Label caption = new Label(item.caption());
        caption.setWrapText(true);
        caption.setPrefWidth(420);
        caption.setMaxWidth(420);
        caption.getStyleClass().add("study-caption");
        VBox box = new VBox(3, image, caption);
        box.getStyleClass().add("study-figure");
        return box;
    }

    private static TableColumn<ResultRow, String> column(String title,
                                                         java.util.function.Function<ResultRow, String> value,
                                                         double width) {
        TableColumn<ResultRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(
                cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** Opens a report file with the desktop's application for it, off the JavaFX thread. */
    private void open(Path file) {
        if (file == null) {
            return;
        }
        Thread opener = new Thread(() -> {
            try {
                if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                    throw new UnsupportedOperationException("no desktop application to open it");
                }
                Desktop.getDesktop().open(file.toFile());
            } catch (Exception | LinkageError e) {
                javafx.application.Platform.runLater(() -> dialogs.notify("Open " + file + " yourself ("
                        + (e.getMessage() == null ? e : e.getMessage()) + ")"));
            }
        }, "atelier-open-report");
        opener.setDaemon(true);
        opener.start();
    }

    public Parent root() {
        return root;
    }
}
