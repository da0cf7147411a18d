package atelier.ui.diagnosis;

import atelier.analysis.ConfusionMatrix;
import atelier.data.AtomicFiles;
import atelier.data.Split;
import atelier.ui.DialogService;
import atelier.ui.diagnosis.DiagnosisViewModel.Suspect;
import atelier.ui.training.RunRow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.GridView;

/**
 * The Diagnosis tab: a run's confusion matrix (click a cell to see its images) and its top losses, the training
 * images it believes least, each with its label, the prediction and both probabilities. Double-click or Delete
 * excludes an image, a digit relabels it, Ctrl+Z undoes; "Retrain on cleaned data" repeats the run on the result.
 */
public final class DiagnosisView {
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);

    private final DiagnosisViewModel model;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final ConfusionHeatmap heatmap = new ConfusionHeatmap();
    private final TableView<Integer> scores = new TableView<>();
    private final ListView<String> confusedPairs = new ListView<>();
    private final GridView<Suspect> grid;

    public DiagnosisView(DiagnosisViewModel model, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        this.grid = suspectsGrid();
        root.setId("diagnosis-view");
        root.setTop(toolbar());
        // the matrix takes at most 45% of the width (a fixed 600 px left the gallery two columns at 1024 px)
        root.setLeft(matrixPane());
        root.setCenter(suspectsPane());
        root.setRight(details());
        root.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (UNDO.match(event)) {
                model.undo();
                event.consume();
            } else if (REDO.match(event)) {
                model.redo();
                event.consume();
            }
        });
        model.matrixProperty().addListener((obs, old, matrix) -> redrawMatrix());
        model.normalizedProperty().addListener((obs, old, value) -> redrawMatrix());
    }

    public Parent root() {
        return root;
    }

    private ToolBar toolbar() {
        ComboBox<RunRow> runs = runChooser(model.runProperty());
        runs.setId("diagnosis-run");
        Button analyze = new Button("Analyze");
        analyze.setId("analyze");
        analyze.setOnAction(e -> model.analyze());
        Button undo = new Button("Undo");
        undo.setId("diagnosis-undo");
        undo.disableProperty().bind(model.canUndoProperty().not());
        undo.setOnAction(e -> model.undo());
        Button redo = new Button("Redo");
        redo.setId("diagnosis-redo");
        redo.disableProperty().bind(model.canRedoProperty().not());
        redo.setOnAction(e -> model.redo());
        Button retrain = new Button("Retrain on cleaned data");
        retrain.setId("retrain-cleaned");
        retrain.setOnAction(e -> model.retrainOnCleanedData());
        ComboBox<RunRow> other = runChooser(model.compareWithProperty());
        other.setId("compare-with");
        other.setPromptText("a run to compare with");
        Button compare = new Button("Compare");
        compare.setId("compare");
        compare.disableProperty().bind(model.compareWithProperty().isNull());
        compare.setOnAction(e -> openComparison());
        return new ToolBar(new Label("Run:"), runs, analyze, new Separator(), undo, redo, new Separator(), retrain,
                new Separator(), new Label("Before / after:"), other, compare);
    }

    private ComboBox<RunRow> runChooser(javafx.beans.property.Property<RunRow> chosen) {
        ComboBox<RunRow> box = new ComboBox<>(model.runs());
        box.setPrefWidth(190);
        box.valueProperty().bindBidirectional(chosen);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunRow row) {
                return row == null ? "" : row.name() + " · " + row.best();
            }

            @Override
            public RunRow fromString(String text) {
                return null;
            }
        });
        // no reload while the list is open: it would replace the items under the pointer (the list follows new
        // runs, and is read again whenever the Diagnosis tab is shown)
        return box;
    }

    private void openComparison() {
        RunRow before = model.analyzedRun();
        RunRow after = model.compareWithProperty().get();
        if (before == null) {
            dialogs.showError("Nothing to compare", "Analyze a run first; it is compared with the run chosen beside "
                    + "\"Before / after\".");
            return;
        }
        new ComparisonWindow(new ComparisonViewModel(model.app(), before, after), dialogs).show(root);
    }

    private Node matrixControls() {
        ChoiceBox<Split> split = new ChoiceBox<>();
        split.getItems().addAll(Split.TEST, Split.TRAIN);
        split.valueProperty().bindBidirectional(model.matrixSplitProperty());
        split.setConverter(new StringConverter<>() {
            @Override
            public String toString(Split s) {
                return s == Split.TEST ? "Test set" : "Training set";
            }

            @Override
            public Split fromString(String text) {
                return Split.parse(text);
            }
        });
        CheckBox normalized = new CheckBox("Row-normalized");
        normalized.selectedProperty().bindBidirectional(model.normalizedProperty());
        Button png = new Button("PNG…");
        png.setId("matrix-png");
        png.setOnAction(e -> dialogs.chooseSaveFile("Export confusion matrix", "confusion.png")
                .ifPresent(path -> atelier.ui.training.PlotExport.write(heatmap, path, dialogs)));
        Button csv = new Button("CSV…");
        csv.setId("matrix-csv");
        csv.setOnAction(e -> dialogs.chooseSaveFile("Export confusion matrix", "confusion.csv")
                .ifPresent(path -> writeCsv(path)));
        // no matrix before an analysis: nothing to export
        png.disableProperty().bind(model.matrixProperty().isNull());
        csv.disableProperty().bind(model.matrixProperty().isNull());
        Button all = new Button("Show all");
        all.setOnAction(e -> model.pickPair(-1, -1));
        // wraps, keeping each control whole, where the column is narrow (a 1024-pixel window)
        HBox export = new HBox(6, fixed(new Label("Export:")), fixed(png), fixed(csv));
        export.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane box = new javafx.scene.layout.FlowPane(8, 4, split, fixed(normalized), export,
                fixed(all));
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private Node matrixPane() {
        Label status = new Label();
        status.setId("diagnosis-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        Label truth = new Label();
        truth.setId("truth-summary");
        truth.getStyleClass().add("truth-summary");
        truth.setWrapText(true);
        truth.textProperty().bind(model.truthSummaryProperty());
        truth.visibleProperty().bind(model.truthSummaryProperty().isNotEmpty());
        truth.managedProperty().bind(truth.visibleProperty());
        truth.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        scores.setId("class-scores");
        scores.setPrefHeight(200);
        scores.setPrefWidth(350);
        scores.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        scores.getColumns().add(scoreColumn("Class", c -> SuspectCell.numbered(model.classes(), c), 110));
        scores.getColumns().add(scoreColumn("Accuracy", c -> percent(score(c).accuracy()), 75));
        scores.getColumns().add(scoreColumn("Precision", c -> percent(score(c).precision()), 75));
        scores.getColumns().add(scoreColumn("Recall", c -> percent(score(c).recall()), 75));
        confusedPairs.setId("confused-pairs");
        confusedPairs.setPrefHeight(200);
        VBox perClass = new VBox(4, new Label("Per class"), scores);
        Label pairsTitle = new Label("Most confused (actual → predicted)");
        pairsTitle.setTooltip(new javafx.scene.control.Tooltip(pairsTitle.getText()));
        VBox pairs = new VBox(4, pairsTitle, confusedPairs);
        HBox.setHgrow(pairs, Priority.ALWAYS);
        VBox box = new VBox(8, status, truth, matrixControls(), new ScrollPane(heatmap), new HBox(8, perClass, pairs));
        box.setPadding(new Insets(8));
        box.setMinWidth(300);
        box.prefWidthProperty().bind(javafx.beans.binding.Bindings.min(600, root.widthProperty().multiply(0.45)));
        return box;
    }

    private ConfusionMatrix.ClassScores score(int c) {
        return model.matrixProperty().get().perClass().get(c);
    }

    private static String percent(double value) {
        return String.format("%.2f%%", 100 * value);
    }

    private static TableColumn<Integer, String> scoreColumn(String title, java.util.function.IntFunction<String> text,
                                                            double width) {
        TableColumn<Integer, String> column = new TableColumn<>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(text.apply(row.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private GridView<Suspect> suspectsGrid() {
        GridView<Suspect> view = new GridView<>(model.suspects());
        view.setId("suspects");
        view.setCellWidth(118);
        view.setCellHeight(104);
        view.setCellFactory(g -> new SuspectCell(model));
        view.setFocusTraversable(true);
        view.addEventFilter(KeyEvent.KEY_PRESSED, this::onGridKey);
        return view;
    }

    private Node suspectsPane() {
        Label title = new Label();
        title.getStyleClass().add("selection-title");
        title.setWrapText(true);
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Runnable retitle = () -> {
            int a = model.pairActualProperty().get();
            int p = model.pairPredictedProperty().get();
            boolean crossValidated = model.rankingProperty().get() == SuspectRanking.CROSS_VALIDATED
                    && model.crossValidatedProperty().get() != null;
            title.setText(a >= 0 ? "Images of " + SuspectCell.name(model.classes(), a) + " predicted as "
                    + SuspectCell.name(model.classes(), p) + " (highest loss first)"
                    : crossValidated ? String.format("Cross-validated ranking, least believable label first: %,d "
                    + "flagged (tinted) by confident learning", model.crossValidatedProperty().get().flaggedCount())
                    : model.rankingProperty().get() == SuspectRanking.CROSS_VALIDATED
                    ? "No cross-validated ranking yet: press Find label errors. Showing top losses."
                    : "Top losses on the training set (highest first)");
        };
        model.pairActualProperty().addListener((obs, o, n) -> retitle.run());
        model.pairPredictedProperty().addListener((obs, o, n) -> retitle.run());
        model.rankingProperty().addListener((obs, o, n) -> retitle.run());
        model.crossValidatedProperty().addListener((obs, o, n) -> retitle.run());
        retitle.run();
        Label hint = new Label("Click selects · double-click or Delete excludes or restores · 0–9 relabel · "
                + "Ctrl+Z undo. Under each image: label → prediction, their probabilities, the loss. To see one class "
                + "pair, click its cell in the matrix (Training set for the training images).");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox box = new VBox(6, rankingControls(), title, hint, grid, pager());
        VBox.setVgrow(grid, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node rankingControls() {
        ChoiceBox<SuspectRanking> ranking = new ChoiceBox<>();
        ranking.setId("ranking");
        ranking.getItems().addAll(SuspectRanking.values());
        ranking.valueProperty().bindBidirectional(model.rankingProperty());
        Spinner<Integer> folds = new Spinner<>(2, 10, model.foldsProperty().get());
        folds.setPrefWidth(64);
        folds.valueProperty().addListener((obs, o, n) -> model.foldsProperty().set(n));
        Spinner<Integer> epochs = new Spinner<>(1, 20, model.crossValidationEpochsProperty().get());
        epochs.setPrefWidth(64);
        epochs.valueProperty().addListener((obs, o, n) -> model.crossValidationEpochsProperty().set(n));
        Button find = new Button("Find label errors");
        find.setId("find-label-errors");
        find.setTooltip(new javafx.scene.control.Tooltip("Trains one model per fold with the analyzed run's recipe; "
                + "each predicts the images it never saw. Confident learning then flags the labels that the "
                + "out-of-sample predictions contradict."));
        find.setOnAction(e -> model.findLabelErrors());
        // each label stays with its field, and the groups wrap where the column is narrow
        javafx.scene.layout.FlowPane box = new javafx.scene.layout.FlowPane(12, 4,
                group(new Label("Ranking:"), ranking), group(new Label("Cross-validation: folds"), folds),
                group(new Label("epochs"), epochs), fixed(find));
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private static HBox group(Label label, Node field) {
        HBox group = new HBox(6, fixed(label), field);
        group.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return group;
    }

    /** Keeps a label or button at its full text when space is short (the pane wraps instead). */
    private static <T extends javafx.scene.layout.Region> T fixed(T control) {
        control.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return control;
    }

    private Node pager() {
        Button previous = new Button("◀ Previous");
        previous.setOnAction(e -> model.previousPage());
        Button next = new Button("Next ▶");
        next.setOnAction(e -> model.nextPage());
        Label shown = new Label();
        shown.setId("suspects-page");
        Runnable update = () -> {
            int total = model.rankedCountProperty().get();
            int from = model.pageProperty().get() * model.pageSizeProperty().get();
            shown.setText(total == 0 ? "No images" : String.format("%,d–%,d of %,d", from + 1,
                    Math.min(total, from + model.pageSizeProperty().get()), total));
            previous.setDisable(from == 0);
            next.setDisable(from + model.pageSizeProperty().get() >= total);
        };
        model.rankedCountProperty().addListener((obs, o, n) -> update.run());
        model.pageProperty().addListener((obs, o, n) -> update.run());
        update.run();
        HBox box = new HBox(8, fixed(previous), fixed(shown), fixed(next));
        box.setAlignment(javafx.geometry.Pos.CENTER);
        return box;
    }

    private Node details() {
        ImageView large = new ImageView();
        large.setFitWidth(196);
        large.setFitHeight(196);
        large.setSmooth(false);
        Label text = new Label();
        text.setId("suspect-details");
        text.setWrapText(true);
        Button exclude = new Button("Exclude / restore");
        exclude.setId("suspect-exclude");
        exclude.setOnAction(e -> {
            model.toggleExclude(model.selectedProperty().get());
            grid.requestFocus();
        });
        exclude.disableProperty().bind(model.selectedProperty().isNull());
        Runnable show = () -> {
            Suspect s = model.selectedProperty().get();
            if (s == null) {
                large.setImage(null);
                text.setText("Select an image.");
                return;
            }
            large.setImage(model.thumbnail(s));
            List<String> classes = model.classes();
            text.setText(String.format("%s image %,d%nLabel: %s (p = %.3f)%nPredicted: %s (p = %.3f)%nLoss: %.3f"
                            + "%nLabel now: %s%s%s%s", s.split() == Split.TRAIN ? "Training" : "Test", s.index(),
                    SuspectCell.name(classes, s.label()), s.probLabel(), SuspectCell.name(classes, s.predicted()),
                    s.probPredicted(), s.loss(), model.labelNow(s), model.isExcluded(s) ? "\nExcluded" : "",
                    s.flagged() ? "\nFlagged by cross-validation" : "",
                    s.path() == null ? "" : "\nFile: " + s.path()));
        };
        model.selectedProperty().addListener((obs, o, n) -> show.run());
        model.suspects().addListener((ListChangeListener<Suspect>) c -> show.run());
        show.run();
        VBox box = new VBox(8, large, text, exclude);
        box.setPadding(new Insets(8));
        box.setPrefWidth(212);
        return box;
    }

    private void onGridKey(KeyEvent event) {
        Suspect selected = model.selectedProperty().get();
        List<Suspect> items = model.suspects();
        int position = selected == null ? -1 : items.indexOf(selected);
        KeyCode code = event.getCode();
        if (event.isShortcutDown()) {
            return;
        }
        if (code == KeyCode.RIGHT || code == KeyCode.LEFT) {
            int next = Math.max(0, Math.min(items.size() - 1, position + (code == KeyCode.RIGHT ? 1 : -1)));
            if (!items.isEmpty()) {
                model.selectedProperty().set(items.get(next));
            }
        } else if (code == KeyCode.DELETE || code == KeyCode.BACK_SPACE) {
            model.toggleExclude(selected);
        } else if (code.isDigitKey()) {
            model.relabel(selected, Integer.parseInt(code.getName().replaceAll("\\D", "")));
        } else {
            return;
        }
        event.consume();
    }

    private void redrawMatrix() {
        ConfusionMatrix matrix = model.matrixProperty().get();
        heatmap.show(matrix, model.classes(), model.normalizedProperty().get(), model::pickPair);
        scores.getItems().clear();
        confusedPairs.getItems().clear();
        if (matrix == null) {
            return;
        }
        for (int c = 0; c < matrix.classes(); c++) {
            scores.getItems().add(c);
        }
        for (ConfusionMatrix.Pair pair : matrix.mostConfused(10)) {
            confusedPairs.getItems().add(String.format("%s → %s: %d", SuspectCell.name(model.classes(), pair.actual()),
                    SuspectCell.name(model.classes(), pair.predicted()), pair.count()));
        }
    }

    private void writeCsv(java.nio.file.Path path) {
        ConfusionMatrix matrix = model.matrixProperty().get();
        if (matrix == null) {
            return;
        }
        StringBuilder csv = new StringBuilder("actual\\predicted");
        List<String> classes = model.classes();
        classes.forEach(c -> csv.append(',').append('"').append(c).append('"'));
        csv.append(",accuracy,precision,recall\n");
        for (int a = 0; a < matrix.classes(); a++) {
            csv.append('"').append(classes.get(a)).append('"');
            for (int p = 0; p < matrix.classes(); p++) {
                csv.append(',').append(matrix.count(a, p));
            }
            ConfusionMatrix.ClassScores s = matrix.perClass().get(a);
            csv.append(String.format(",%.4f,%.4f,%.4f%n", s.accuracy(), s.precision(), s.recall()));
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Thread writer = new Thread(() -> {
            try {
                AtomicFiles.write(path, bytes);
                javafx.application.Platform.runLater(() -> dialogs.notify("Saved " + path));
            } catch (RuntimeException e) {
                javafx.application.Platform.runLater(() -> dialogs.showError("Cannot save " + path, e.getMessage()));
            }
        }, "atelier-csv-export");
        writer.setDaemon(true);
        writer.start();
    }
}
