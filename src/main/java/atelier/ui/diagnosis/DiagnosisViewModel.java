package atelier.ui.diagnosis;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.ConfusionMatrix;
import atelier.analysis.CrossValidatedDetector;
import atelier.analysis.LossRanking;
import atelier.analysis.Predictions;
import atelier.analysis.TruthReport;
import atelier.analysis.TruthScore;
import atelier.data.LabelEdit;
import atelier.data.LabelView;
import atelier.data.Split;
import atelier.train.ModelFactory;
import atelier.train.RunRecord;
import atelier.train.RunSpec;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import atelier.ui.DatasetChoice;
import atelier.ui.ProgressTask;
import atelier.ui.ThumbnailCache;
import atelier.ui.training.RunRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;

/**
 * State of the Diagnosis tab: a run's confusion matrix on the test or training set, and the training images it
 * finds hardest to believe (highest loss), with the actions that clean them through the label journal and
 * "retrain on cleaned data". Predictions are computed once per analysis in the background; edits only re-filter.
 */
public final class DiagnosisViewModel {
    /** One image of the top-loss list or of a confusion cell, with how the run saw it. */
    public record Suspect(Split split, int index, int label, int predicted, double loss, double probLabel,
                          double probPredicted, String path, boolean flagged) {
        static Suspect of(Split split, LossRanking.Item item, boolean flagged) {
            return new Suspect(split, item.index(), item.label(), item.predicted(), item.loss(), item.probLabel(),
                    item.probPredicted(), item.path(), flagged);
        }
    }

    /**
     * Predictions of both splits of one run, made once, and the truth file beside its dataset when it has one
     * (read for scoring only).
     */
    private record Analysis(AnalyzedRun run, Predictions test, Predictions train, List<LossRanking.Item> testRanked,
                            List<LossRanking.Item> trainRanked, Optional<TruthScore> truth) {
        List<LossRanking.Item> ranked(Split split) {
            return split == Split.TEST ? testRanked : trainRanked;
        }
    }

    private final AppModel app;
    private final java.util.concurrent.ExecutorService runReader = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "atelier-diagnosis-runs");
                thread.setDaemon(true);
                return thread;
            });
    /** The class an Activation-tab click asked for, shown once the analysis it started is done. */
    private int pendingClass = -1;
    private final ThumbnailCache thumbnails = new ThumbnailCache();
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRow> run = new SimpleObjectProperty<>();
    private final ObjectProperty<Split> matrixSplit = new SimpleObjectProperty<>(Split.TEST);
    private final BooleanProperty normalized = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<ConfusionMatrix> matrix = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a run and press Analyze.");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ObservableList<Suspect> suspects = FXCollections.observableArrayList();
    private final IntegerProperty pairActual = new SimpleIntegerProperty(-1);
    private final IntegerProperty pairPredicted = new SimpleIntegerProperty(-1);
    private final ObjectProperty<Suspect> selected = new SimpleObjectProperty<>();
    private final IntegerProperty pageSize = new SimpleIntegerProperty(200);
    private final IntegerProperty page = new SimpleIntegerProperty(0);
    private final ReadOnlyIntegerWrapper rankedCount = new ReadOnlyIntegerWrapper(0);
    private final ObjectProperty<SuspectRanking> ranking = new SimpleObjectProperty<>(SuspectRanking.TOP_LOSSES);
    private final IntegerProperty folds = new SimpleIntegerProperty(4);
    private final IntegerProperty crossValidationEpochs = new SimpleIntegerProperty(1);
    private final ReadOnlyObjectWrapper<CrossValidatedDetector.Result> crossValidated = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper truthSummary = new ReadOnlyStringWrapper("");
    private final ObjectProperty<RunRow> compareWith = new SimpleObjectProperty<>();
    private Analysis analysis;
    private String retrainName;

    public DiagnosisViewModel(AppModel app) {
        this.app = app;
        matrixSplit.addListener((obs, old, split) -> showMatrix());
        pairActual.addListener((obs, old, value) -> refilter());
        pairPredicted.addListener((obs, old, value) -> refilter());
        page.addListener((obs, old, value) -> refilter());
        ranking.addListener((obs, old, value) -> {
            page.set(0);
            refilter();
        });
        app.events().subscribe(AppEvents.LabelsChanged.class, changed -> {
            refilter();
            updateUndoState();
        });
        app.datasetProperty().addListener((obs, old, view) -> updateUndoState());
        updateUndoState();
        app.events().subscribe(AppEvents.RunEnded.class, ended -> retrainEnded(ended.record()));
        app.events().subscribe(AppEvents.ClassRequested.class, request -> showClass(request.run(),
                request.classIndex()));
        refreshRuns();
    }

    public ObservableList<RunRow> runs() {
        return runs;
    }

    public ObjectProperty<RunRow> runProperty() {
        return run;
    }

    public ObjectProperty<Split> matrixSplitProperty() {
        return matrixSplit;
    }

    public BooleanProperty normalizedProperty() {
        return normalized;
    }

    public ReadOnlyObjectProperty<ConfusionMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the dataset's label journal has an edit to undo (from this tab or any other). */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    private void updateUndoState() {
        LabelView view = app.dataset();
        canUndo.set(view != null && view.journal().canUndo());
        canRedo.set(view != null && view.journal().canRedo());
    }

    /** Highest loss first; within the class pair picked in the matrix when one is picked. */
    public ObservableList<Suspect> suspects() {
        return suspects;
    }

    public IntegerProperty pairActualProperty() {
        return pairActual;
    }

    public IntegerProperty pairPredictedProperty() {
        return pairPredicted;
    }

    public ObjectProperty<Suspect> selectedProperty() {
        return selected;
    }

    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    /** The page of the ranking shown, from 0; a page holds {@link #pageSizeProperty()} images. */
    public IntegerProperty pageProperty() {
        return page;
    }

    /** How many images the current ranking (and class-pair filter) holds over all pages. */
    public ReadOnlyIntegerProperty rankedCountProperty() {
        return rankedCount.getReadOnlyProperty();
    }

    public void nextPage() {
        if ((long) (page.get() + 1) * pageSize.get() < rankedCount.get()) {
            page.set(page.get() + 1);
        }
    }

    public void previousPage() {
        page.set(Math.max(0, page.get() - 1));
    }

    public ObjectProperty<SuspectRanking> rankingProperty() {
        return ranking;
    }

    public IntegerProperty foldsProperty() {
        return folds;
    }

    public IntegerProperty crossValidationEpochsProperty() {
        return crossValidationEpochs;
    }

    /** The last cross-validated search of the analyzed run's dataset, or null before one has run. */
    public ReadOnlyObjectProperty<CrossValidatedDetector.Result> crossValidatedProperty() {
        return crossValidated.getReadOnlyProperty();
    }

    /** Precision and recall against the truth file beside a generated dataset; empty for other datasets. */
    public ReadOnlyStringProperty truthSummaryProperty() {
        return truthSummary.getReadOnlyProperty();
    }

    /** The run to compare the analyzed one with ("before and after" cleaning); set by a finished retrain. */
    public ObjectProperty<RunRow> compareWithProperty() {
        return compareWith;
    }

    /** The analyzed run, or null before an analysis. */
    public RunRow analyzedRun() {
        return analysis == null ? null : runs.stream()
                .filter(row -> row.folder().equals(analysis.run().folder())).findFirst().orElse(null);
    }

    public AppModel app() {
        return app;
    }

    public List<String> classes() {
        return analysis == null ? List.of() : analysis.run().dataset().classes();
    }

    public Image thumbnail(Suspect suspect) {
        LabelView view = app.dataset();
        return view == null ? null : thumbnails.get(view.dataset().split(suspect.split()), suspect.split(),
                suspect.index());
    }

    public boolean isExcluded(Suspect suspect) {
        return app.dataset() != null && app.dataset().isExcluded(suspect.split(), suspect.index());
    }

    public boolean isRelabelled(Suspect suspect) {
        return app.dataset() != null && app.dataset().isRelabelled(suspect.split(), suspect.index());
    }

    public String labelNow(Suspect suspect) {
        LabelView view = app.dataset();
        return view == null ? "" : view.dataset().className(view.label(suspect.split(), suspect.index()));
    }

    /**
     * Lists the runs again off the FX thread (every run.json is parsed), then, on the FX thread, replaces the list
     * keeping the runs chosen in both pickers (by folder: a run that trained on is a new row). Completes when the
     * list is shown.
     */
    public CompletableFuture<Void> refreshRuns() {
        var store = app.training().store();
        CompletableFuture<Void> shown = new CompletableFuture<>();
        runReader.execute(() -> {
            try {
                List<RunRow> rows = store.list().stream().map(RunRow::of)
                        .filter(row -> row.record() != null && row.record().bestEpoch() > 0).toList();
                Platform.runLater(() -> {
                    showRuns(rows);
                    shown.complete(null);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    app.reportFailure("Cannot list the runs", e);
                    shown.completeExceptionally(e);
                });
            }
        });
        return shown;
    }

    private void showRuns(List<RunRow> rows) {
        RunRow chosen = sameRun(run.get(), rows);
        RunRow other = sameRun(compareWith.get(), rows);
        runs.setAll(rows);
        // unless one is chosen: the newest run that has ended, not one still training (its best epoch may change)
        run.set(chosen != null ? chosen : rows.stream().filter(row -> row.record().status().isFinal()).findFirst()
                .orElse(rows.isEmpty() ? null : rows.get(0)));
        compareWith.set(other);
    }

    private static RunRow sameRun(RunRow row, List<RunRow> rows) {
        return row == null ? null
                : rows.stream().filter(r -> r.folder().equals(row.folder())).findFirst().orElse(null);
    }

    /**
     * Shows class {@code classIndex} of the run at {@code folder}: the confusion cell of its most frequent wrong
     * prediction on the test set, analyzing the run first when it is not the analyzed one.
     */
    public void showClass(Path folder, int classIndex) {
        refreshRuns();
        runs.stream().filter(row -> row.folder().equals(folder)).findFirst().ifPresent(run::set);
        if (analysis != null && analysis.run().folder().equals(folder)) {
            pickClass(classIndex);
            return;
        }
        pendingClass = classIndex;
        analyze();
    }

    private void pickClass(int classIndex) {
        matrixSplit.set(Split.TEST);
        ConfusionMatrix shown = matrix.get();
        if (shown == null || classIndex < 0 || classIndex >= shown.classes()) {
            return;
        }
        int worst = -1;
        for (int predicted = 0; predicted < shown.classes(); predicted++) {
            if (predicted != classIndex && (worst < 0 || shown.count(classIndex, predicted)
                    > shown.count(classIndex, worst))) {
                worst = predicted;
            }
        }
        pairActual.set(classIndex);
        pairPredicted.set(worst);
    }

    /** Opens the chosen run's dataset (as the current one, so edits reach the Dataset tab) and predicts. */
    public void analyze() {
        RunRow chosen = run.get();
        if (chosen == null) {
            status.set("No finished run to analyze: train one in the Training tab.");
            return;
        }
        RunSpec spec = chosen.record().spec();
        LabelView current = app.dataset();
        if (current == null || !chosen.trainedOn(current)) {
            status.set("Opening " + spec.dataset() + " for " + chosen.name() + "…");
            ProgressTask<LabelView> loading = app.loadDataset(datasetChoice(spec.dataset()));
            loading.setOnSucceeded(e -> analyze(chosen, loading.getValue()));
            return;
        }
        analyze(chosen, current);
    }

    private void analyze(RunRow chosen, LabelView view) {
        status.set("Analyzing " + chosen.name() + "…");
        ProgressTask<Analysis> task = app.tasks().submit("Analyzing " + chosen.name(), progress -> {
            AnalyzedRun opened = AnalyzedRun.open(chosen.folder(), chosen.record(), view);
            progress.update("Predicting the test set", 0, 2);
            Predictions test = opened.predict(Split.TEST);
            progress.update("Predicting the training set", 1, 2);
            Predictions train = opened.predict(Split.TRAIN);
            progress.update("Predicting", 2, 2);
            return new Analysis(opened, test, train, LossRanking.rank(test, opened.dataset(), Split.TEST),
                    LossRanking.rank(train, opened.dataset(), Split.TRAIN), TruthScore.besides(view.dataset().source()));
        });
        task.setOnSucceeded(e -> {
            boolean sameData = analysis != null && analysis.run().dataset() == task.getValue().run().dataset();
            analysis = task.getValue();
            if (!sameData) {
                crossValidated.set(null);
                ranking.set(SuspectRanking.TOP_LOSSES);
            }
            pairActual.set(-1);
            pairPredicted.set(-1);
            page.set(0);
            showMatrix();
            refilter();
            if (pendingClass >= 0) {
                pickClass(pendingClass);
                pendingClass = -1;
            }
        });
        task.setOnFailed(e -> {
            status.set("Analysis failed: " + task.getException().getMessage());
            app.reportFailure("Cannot analyze " + chosen.name(), task.getException());
        });
    }

    /**
     * Ranks the training images by cross-validation: k models with the analyzed run's recipe, each trained
     * without one fold and predicting it, then confident learning on the out-of-sample probabilities.
     */
    public ProgressTask<CrossValidatedDetector.Result> findLabelErrors() {
        LabelView view = app.dataset();
        if (analysis == null || view == null) {
            status.set("Analyze a run first: its recipe trains the cross-validation models.");
            return null;
        }
        int k = folds.get();
        RunSpec spec = analysis.run().record().spec().withEpochs(crossValidationEpochs.get());
        ModelFactory models = app.training().models();
        status.set(String.format("Finding label errors with %s: %s…", spec.architecture(),
                CrossValidatedDetector.cost(view, spec, k).describe()));
        ProgressTask<CrossValidatedDetector.Result> task = app.tasks().submit("Finding label errors (" + k
                + "-fold cross-validation)", progress -> CrossValidatedDetector.run(view, spec, k, models, progress));
        task.setOnSucceeded(e -> {
            crossValidated.set(task.getValue());
            status.set(String.format("Cross-validation flagged %,d of %,d training images as likely label errors.",
                    task.getValue().flaggedCount(), task.getValue().ranking().size()));
            page.set(0);
            if (ranking.get() == SuspectRanking.CROSS_VALIDATED) {
                refilter();
            } else {
                ranking.set(SuspectRanking.CROSS_VALIDATED);
            }
        });
        task.setOnCancelled(e -> status.set("Cross-validation cancelled."));
        task.setOnFailed(e -> {
            status.set("Cross-validation failed: " + task.getException().getMessage());
            app.reportFailure("Cannot find label errors", task.getException());
        });
        return task;
    }

    /** Shows the images of one cell of the matrix (or all when -1, -1). */
    public void pickPair(int actual, int predicted) {
        page.set(0);
        pairActual.set(actual);
        pairPredicted.set(predicted);
    }

    public CompletableFuture<LabelEdit> toggleExclude(Suspect suspect) {
        LabelView view = app.dataset();
        if (view == null || suspect == null) {
            return CompletableFuture.completedFuture(null);
        }
        boolean excluded = view.isExcluded(suspect.split(), suspect.index());
        return app.editLabels(view, v -> excluded ? v.restore(suspect.split(), suspect.index())
                : v.exclude(suspect.split(), suspect.index()));
    }

    public CompletableFuture<LabelEdit> relabel(Suspect suspect, int label) {
        LabelView view = app.dataset();
        if (view == null || suspect == null || label < 0 || label >= view.dataset().classCount()) {
            return CompletableFuture.completedFuture(null);
        }
        return app.editLabels(view, v -> v.relabel(suspect.split(), suspect.index(), label));
    }

    public CompletableFuture<LabelEdit> undo() {
        LabelView view = app.dataset();
        return view == null ? CompletableFuture.completedFuture(null)
                : app.editLabels(view, v -> v.journal().undo().orElse(null));
    }

    public CompletableFuture<LabelEdit> redo() {
        LabelView view = app.dataset();
        return view == null ? CompletableFuture.completedFuture(null)
                : app.editLabels(view, v -> v.journal().redo().orElse(null));
    }

    /**
     * Asks the Training tab to train the analyzed run's spec on the dataset as edited now; when that run ends it
     * becomes the "after" of the before/after comparison.
     */
    public void retrainOnCleanedData() {
        if (analysis == null || app.dataset() == null) {
            status.set("Analyze a run first.");
            return;
        }
        RunSpec spec = analysis.run().record().spec();
        retrainName = (spec.name() != null ? spec.name() : analysis.run().record().id()) + "-cleaned";
        app.events().publish(new AppEvents.TrainingRequested(spec.withName(retrainName)));
        status.set("Retraining as " + retrainName + " on the cleaned data (" + app.dataset().journal().activeEdits()
                + " edits); follow it in the Training tab.");
    }

    private void retrainEnded(RunRecord record) {
        // the training service numbers a name that is taken (name-2, name-3…)
        if (retrainName == null || record.spec().name() == null
                || !record.spec().name().matches(java.util.regex.Pattern.quote(retrainName) + "(-\\d+)?")) {
            refreshRuns();
            return;
        }
        retrainName = null;
        double before = analysis == null ? Double.NaN : analysis.run().record().bestTestAccuracy();
        refreshRuns().thenRun(() -> {
            runs.stream().filter(row -> row.record() != null && row.record().id().equals(record.id())).findFirst()
                    .ifPresent(compareWith::set);
            status.set(String.format("%s: best test accuracy %.2f%% (before: %.2f%%). Press Compare for the two "
                    + "side by side.", record.spec().name(), 100 * record.bestTestAccuracy(), 100 * before));
        });
    }

    private void showMatrix() {
        if (analysis == null) {
            matrix.set(null);
            return;
        }
        Predictions predictions = matrixSplit.get() == Split.TEST ? analysis.test() : analysis.train();
        ConfusionMatrix computed = ConfusionMatrix.of(predictions, analysis.run().dataset().classCount());
        matrix.set(computed);
        status.set(String.format("%s: %s accuracy %.2f%% under its best checkpoint (epoch %d)",
                run.get() == null ? "" : run.get().name(), matrixSplit.get() == Split.TEST ? "test" : "training",
                100 * computed.accuracy(), analysis.run().record().bestEpoch()));
    }

    private void refilter() {
        if (analysis == null) {
            suspects.clear();
            rankedCount.set(0);
            truthSummary.set("");
            return;
        }
        List<Suspect> ranked = rankedSuspects();
        rankedCount.set(ranked.size());
        int from = Math.min(ranked.size(), page.get() * pageSize.get());
        List<Suspect> shown = ranked.subList(from, Math.min(ranked.size(), from + pageSize.get()));
        Suspect previous = selected.get();
        suspects.setAll(shown);
        if (previous != null) {
            shown.stream().filter(s -> s.index() == previous.index() && s.split() == previous.split()).findFirst()
                    .ifPresentOrElse(selected::set, () -> selected.set(null));
        }
        truthSummary.set(analysis.truth().map(this::scoreAgainst).orElse(""));
    }

    /** The images of the picked confusion cell, else the chosen ranking of the training set. */
    private List<Suspect> rankedSuspects() {
        int actual = pairActual.get();
        int predicted = pairPredicted.get();
        CrossValidatedDetector.Result cv = crossValidated.get();
        if (actual < 0 && ranking.get() == SuspectRanking.CROSS_VALIDATED && cv != null) {
            return cv.ranking().stream().map(f -> Suspect.of(Split.TRAIN, f.item(), f.flagged())).toList();
        }
        Split split = actual >= 0 ? matrixSplit.get() : Split.TRAIN;
        return analysis.ranked(split).stream()
                .filter(item -> actual < 0 || (item.label() == actual && item.predicted() == predicted))
                .map(item -> Suspect.of(split, item, false))
                .toList();
    }

    private String scoreAgainst(TruthScore truth) {
        LabelView view = app.dataset();
        Set<Integer> excluded = view != null && view.dataset() == analysis.run().dataset()
                ? Set.copyOf(view.journal().excluded(Split.TRAIN)) : null;
        return TruthReport.describe(truth, analysis.trainRanked().stream().map(LossRanking.Item::index).toList(),
                crossValidated.get(), excluded);
    }

    private static DatasetChoice datasetChoice(String spec) {
        return switch (spec) {
            case "fashion", "fashion-mnist" -> DatasetChoice.FASHION_MNIST;
            case "mnist" -> DatasetChoice.MNIST;
            default -> DatasetChoice.folder(Path.of(spec));
        };
    }
}
