package atelier.ui.diagnosis;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.ConfusionMatrix;
import atelier.analysis.LossRanking;
import atelier.analysis.Predictions;
import atelier.data.LabelEdit;
import atelier.data.LabelView;
import atelier.data.Split;
import atelier.train.RunSpec;
import atelier.train.TrainingJob;
import atelier.train.TrainingListener;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import atelier.ui.DatasetChoice;
import atelier.ui.ProgressTask;
import atelier.ui.ThumbnailCache;
import atelier.ui.training.RunRow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
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
                          double probPredicted, String path) {
    }

    /** Predictions of both splits of one run, made once. */
    private record Analysis(AnalyzedRun run, Predictions test, Predictions train) {
    }

    private final AppModel app;
    private final ThumbnailCache thumbnails = new ThumbnailCache();
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRow> run = new SimpleObjectProperty<>();
    private final ObjectProperty<Split> matrixSplit = new SimpleObjectProperty<>(Split.TEST);
    private final BooleanProperty normalized = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<ConfusionMatrix> matrix = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a run and press Analyze.");
    private final ObservableList<Suspect> suspects = FXCollections.observableArrayList();
    private final IntegerProperty pairActual = new SimpleIntegerProperty(-1);
    private final IntegerProperty pairPredicted = new SimpleIntegerProperty(-1);
    private final ObjectProperty<Suspect> selected = new SimpleObjectProperty<>();
    private final IntegerProperty pageSize = new SimpleIntegerProperty(200);
    private Analysis analysis;

    public DiagnosisViewModel(AppModel app) {
        this.app = app;
        matrixSplit.addListener((obs, old, split) -> showMatrix());
        pairActual.addListener((obs, old, value) -> refilter());
        pairPredicted.addListener((obs, old, value) -> refilter());
        app.events().subscribe(AppEvents.LabelsChanged.class, changed -> refilter());
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

    public void refreshRuns() {
        List<RunRow> rows = app.training().store().list().stream().map(RunRow::of)
                .filter(row -> row.record() != null && row.record().bestEpoch() > 0).toList();
        runs.setAll(rows);
        if (run.get() == null && !rows.isEmpty()) {
            run.set(rows.get(0));
        }
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
        if (current == null || !sameDataset(current, chosen)) {
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
            return new Analysis(opened, test, train);
        });
        task.setOnSucceeded(e -> {
            analysis = task.getValue();
            pairActual.set(-1);
            pairPredicted.set(-1);
            showMatrix();
            refilter();
        });
        task.setOnFailed(e -> {
            status.set("Analysis failed: " + task.getException().getMessage());
            app.reportFailure("Cannot analyze " + chosen.name(), task.getException());
        });
    }

    /** Shows the images of one cell of the matrix (or all when -1, -1). */
    public void pickPair(int actual, int predicted) {
        pairActual.set(actual);
        pairPredicted.set(predicted);
    }

    public CompletableFuture<LabelEdit> toggleExclude(Suspect suspect) {
        LabelView view = app.dataset();
        if (view == null || suspect == null) {
            return CompletableFuture.completedFuture(null);
        }
        boolean excluded = view.isExcluded(suspect.split(), suspect.index());
        return app.editLabels(() -> excluded ? view.restore(suspect.split(), suspect.index())
                : view.exclude(suspect.split(), suspect.index()));
    }

    public CompletableFuture<LabelEdit> relabel(Suspect suspect, int label) {
        LabelView view = app.dataset();
        if (view == null || suspect == null || label < 0 || label >= view.dataset().classCount()) {
            return CompletableFuture.completedFuture(null);
        }
        return app.editLabels(() -> view.relabel(suspect.split(), suspect.index(), label));
    }

    public CompletableFuture<LabelEdit> undo() {
        LabelView view = app.dataset();
        return view == null ? CompletableFuture.completedFuture(null)
                : app.editLabels(() -> view.journal().undo().orElse(null));
    }

    public CompletableFuture<LabelEdit> redo() {
        LabelView view = app.dataset();
        return view == null ? CompletableFuture.completedFuture(null)
                : app.editLabels(() -> view.journal().redo().orElse(null));
    }

    /** Starts a run with the analyzed run's spec on the dataset as edited now. */
    public TrainingJob retrainOnCleanedData() {
        if (analysis == null || app.dataset() == null) {
            status.set("Analyze a run first.");
            return null;
        }
        RunSpec spec = analysis.run().record().spec();
        String name = (spec.name() != null ? spec.name() : analysis.run().record().id()) + "-cleaned";
        TrainingJob job = app.training().submit(spec.withName(name), app.dataset(), TrainingListener.NONE);
        status.set("Retraining as " + name + " on the cleaned data (" + app.dataset().journal().activeEdits()
                + " edits); follow it in the Training tab.");
        app.events().publish(new AppEvents.Notice("Started " + name + " on the cleaned data"));
        job.result().whenComplete((record, error) -> Platform.runLater(() -> {
            refreshRuns();
            if (record != null) {
                app.events().publish(new AppEvents.Notice(String.format("%s finished: best test accuracy %.2f%% "
                        + "(before: %.2f%%)", name, 100 * record.bestTestAccuracy(),
                        100 * analysis.run().record().bestTestAccuracy())));
            }
        }));
        return job;
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
            return;
        }
        Split split = pairActual.get() >= 0 ? matrixSplit.get() : Split.TRAIN;
        Predictions predictions = split == Split.TEST ? analysis.test() : analysis.train();
        List<LossRanking.Item> ranked = LossRanking.rank(predictions, analysis.run().dataset(), split);
        int actual = pairActual.get();
        int predicted = pairPredicted.get();
        List<Suspect> shown = ranked.stream()
                .filter(item -> actual < 0 || (item.label() == actual && item.predicted() == predicted))
                .limit(pageSize.get())
                .map(item -> new Suspect(split, item.index(), item.label(), item.predicted(), item.loss(),
                        item.probLabel(), item.probPredicted(), item.path()))
                .toList();
        Suspect previous = selected.get();
        suspects.setAll(shown);
        if (previous != null) {
            shown.stream().filter(s -> s.index() == previous.index() && s.split() == previous.split()).findFirst()
                    .ifPresentOrElse(selected::set, () -> selected.set(null));
        }
    }

    private static boolean sameDataset(LabelView view, RunRow row) {
        String recorded = row.record().data() != null ? row.record().data().source() : null;
        return recorded != null && view.dataset().source().toAbsolutePath().normalize().toString().equals(recorded);
    }

    private static DatasetChoice datasetChoice(String spec) {
        return switch (spec) {
            case "fashion", "fashion-mnist" -> DatasetChoice.FASHION_MNIST;
            case "mnist" -> DatasetChoice.MNIST;
            default -> DatasetChoice.folder(Path.of(spec));
        };
    }
}
