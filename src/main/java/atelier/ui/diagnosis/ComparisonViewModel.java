package atelier.ui.diagnosis;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.ConfusionMatrix;
import atelier.data.LabelView;
import atelier.data.Split;
import atelier.train.EpochMetrics;
import atelier.train.RunRecord;
import atelier.ui.AppModel;
import atelier.ui.ProgressTask;
import atelier.ui.training.RunRow;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Before and after: two runs (typically one and its retrain on cleaned data) side by side, with their curves,
 * best accuracies and test-set confusion matrices under their best checkpoints. The matrices are predicted in
 * the background.
 */
public final class ComparisonViewModel {
    /** One row of the summary table. */
    public record Summary(String role, String run, String data, int trainImages, int bestEpoch,
                          double bestTestAccuracy, double testLossAtBest, double lastTestAccuracy) {
    }

    /** Both runs' test-set confusion matrices. */
    public record Matrices(List<String> classes, ConfusionMatrix before, ConfusionMatrix after) {
    }

    private final AppModel app;
    private final RunRow before;
    private final RunRow after;
    private final ReadOnlyObjectWrapper<ConfusionMatrix> beforeMatrix = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConfusionMatrix> afterMatrix = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<String>> classes = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public ComparisonViewModel(AppModel app, RunRow before, RunRow after) {
        this.app = app;
        this.before = before;
        this.after = after;
    }

    public RunRow before() {
        return before;
    }

    public RunRow after() {
        return after;
    }

    public List<Summary> summaries() {
        return List.of(summary("Before", before), summary("After", after));
    }

    public String verdict() {
        double change = after.record().bestTestAccuracy() - before.record().bestTestAccuracy();
        return String.format("Best test accuracy %s by %.2f points (%.2f%% → %.2f%%).",
                change >= 0 ? "rose" : "fell", 100 * Math.abs(change), 100 * before.record().bestTestAccuracy(),
                100 * after.record().bestTestAccuracy());
    }

    public ReadOnlyObjectProperty<ConfusionMatrix> beforeMatrixProperty() {
        return beforeMatrix.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConfusionMatrix> afterMatrixProperty() {
        return afterMatrix.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<String>> classesProperty() {
        return classes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Predicts the test set with both runs' best checkpoints, off the FX thread. */
    public ProgressTask<Matrices> load() {
        status.set("Predicting the test set with both runs…");
        LabelView current = app.dataset();
        ProgressTask<Matrices> task = app.tasks().submit("Comparing " + before.name() + " with "
                + after.name(), progress -> {
            progress.update("Predicting with " + before.name(), 0, 2);
            AnalyzedRun first = open(before, current, progress);
            ConfusionMatrix a = first.confusion(Split.TEST);
            progress.update("Predicting with " + after.name(), 1, 2);
            ConfusionMatrix b = open(after, current, progress).confusion(Split.TEST);
            if (a.classes() != b.classes()) {
                throw new IllegalArgumentException(String.format("%s has %d classes and %s has %d: their confusion "
                        + "matrices cannot be compared", before.name(), a.classes(), after.name(), b.classes()));
            }
            return new Matrices(first.dataset().classes(), a, b);
        });
        task.setOnSucceeded(e -> {
            classes.set(task.getValue().classes());
            beforeMatrix.set(task.getValue().before());
            afterMatrix.set(task.getValue().after());
            status.set("Test set under each run's best checkpoint.");
        });
        task.setOnFailed(e -> status.set("Cannot compare: " + task.getException().getMessage()));
        task.setOnCancelled(e -> status.set("Comparison cancelled."));
        return task;
    }

    /** The app's dataset when the run was trained on it (edits included), else the run's own dataset. */
    private AnalyzedRun open(RunRow row, LabelView current, atelier.task.Progress progress) {
        if (current != null && row.trainedOn(current)) {
            return AnalyzedRun.open(row.folder(), row.record(), current);
        }
        return AnalyzedRun.open(app.workspace(), row.folder().toString(), progress);
    }

    private static Summary summary(String role, RunRow row) {
        RunRecord record = row.record();
        EpochMetrics best = record.epochs().stream().filter(e -> e.epoch() == record.bestEpoch()).findFirst()
                .orElse(null);
        EpochMetrics last = record.epochs().isEmpty() ? null : record.epochs().get(record.epochs().size() - 1);
        String data = record.data() == null ? record.spec().dataset() : String.format("%s, %d edits (%d excluded, "
                + "%d relabelled)", record.data().name(), record.data().journalEdits(),
                record.data().excludedTrainImages(), record.data().relabelledTrainImages());
        return new Summary(role, row.name(), data, record.data() == null ? 0 : record.data().trainImages(),
                record.bestEpoch(), record.bestTestAccuracy(), best == null ? Double.NaN : best.testLoss(),
                last == null ? Double.NaN : last.testAccuracy());
    }
}
