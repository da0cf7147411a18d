package atelier.ui.training;

import atelier.data.LabelView;
import atelier.model.ArchitectureCatalog;
import atelier.model.LayerSpecText;
import atelier.train.LearningRateSchedule;
import atelier.train.RunCurves;
import atelier.train.RunRecord;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingJob;
import atelier.train.TrainingListener.IterationProgress;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * State of the Training tab: the run's settings, the live run's progress, the runs list and the curves the charts
 * draw. Training reports into a {@link LiveRun}; a timeline picks that up four times a second, so the charts
 * never redraw per batch and the FX thread never waits on training.
 */
public final class TrainingViewModel {
    private static final int MAX_ITERATION_POINTS = 400;
    private static final Duration REFRESH = Duration.millis(250);

    private final AppModel app;
    private final Supplier<List<String>> architectureNames;
    private final ExecutorService fileReader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "atelier-run-reader");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Path, float[]> iterationCache = new ConcurrentHashMap<>();

    private final ObservableList<String> architectures = FXCollections.observableArrayList();
    private final ObjectProperty<String> optimizer = new SimpleObjectProperty<>("adadelta");
    private final StringProperty learningRate = new SimpleStringProperty("1.0");
    private final StringProperty gamma = new SimpleStringProperty("0.7");
    private final ObjectProperty<LearningRateSchedule> schedule = new SimpleObjectProperty<>(LearningRateSchedule.STEP);
    private final StringProperty batchSize = new SimpleStringProperty("64");
    private final StringProperty epochs = new SimpleStringProperty("10");
    private final StringProperty limitTrain = new SimpleStringProperty("0");
    private final StringProperty seed = new SimpleStringProperty("1");
    private final StringProperty runName = new SimpleStringProperty("");

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("Not training");
    private final ReadOnlyStringWrapper bestText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper chartRevision = new ReadOnlyIntegerWrapper();
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObservableList<RunRow> selectedRuns = FXCollections.observableArrayList();
    private final Timeline refresher = new Timeline(new KeyFrame(REFRESH, e -> pullLiveRun()));

    private final RunColours colours = new RunColours();
    private final ObservableList<Path[]> trashed = FXCollections.observableArrayList();
    private final java.util.Deque<Runnable> waiting = new java.util.ArrayDeque<>();
    private final ReadOnlyIntegerWrapper queued = new ReadOnlyIntegerWrapper();
    private TrainingJob job;
    private LiveRun live;
    private int shownLosses = -1;
    private RunRecord shownRecord;

    public TrainingViewModel(AppModel app, Supplier<List<String>> architectureNames) {
        this.app = app;
        this.architectureNames = architectureNames;
        architectures.setAll(architectureNames.get());
        refresher.setCycleCount(Timeline.INDEFINITE);
        selectedRuns.addListener((ListChangeListener<RunRow>) change -> loadCurvesOfSelection());
        app.events().subscribe(AppEvents.TrainingRequested.class, request -> startRequested(request.spec()));
        refreshRuns();
    }

    // ---- properties the view binds

    public ObservableList<String> architectures() {
        return architectures;
    }

    public javafx.beans.property.ReadOnlyStringProperty architectureProperty() {
        return app.architectureProperty();
    }

    /** The Training tab's own choice of architecture (see {@link AppModel#chooseArchitecture}). */
    public void chooseArchitecture(String name) {
        app.chooseArchitecture(name);
    }

    public ObjectProperty<String> optimizerProperty() {
        return optimizer;
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public StringProperty gammaProperty() {
        return gamma;
    }

    public ObjectProperty<LearningRateSchedule> scheduleProperty() {
        return schedule;
    }

    public StringProperty batchSizeProperty() {
        return batchSize;
    }

    public StringProperty epochsProperty() {
        return epochs;
    }

    public StringProperty limitTrainProperty() {
        return limitTrain;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty runNameProperty() {
        return runName;
    }

    /** xavier, he, or checkpoint:PATH; shared with the Architecture tab. */
    public StringProperty initProperty() {
        return app.initProperty();
    }

    public BooleanProperty freezeAllButLastProperty() {
        return app.freezeAllButLastProperty();
    }

    /** The next run's augmentation pipeline in its text form; shared with the Augmentation tab. */
    public StringProperty augmentationProperty() {
        return app.augmentationProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bestTextProperty() {
        return bestText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    /** Changes whenever the charts should redraw (at most four times a second). */
    public ReadOnlyIntegerProperty chartRevisionProperty() {
        return chartRevision.getReadOnlyProperty();
    }

    public ObservableList<RunRow> runs() {
        return runs;
    }

    /** The runs picked in the runs table; the view keeps this in step with the table's selection. */
    public ObservableList<RunRow> selectedRuns() {
        return selectedRuns;
    }

    /** The open dataset's name; follows the Dataset tab (and the Diagnosis tab, which opens a run's dataset). */
    public javafx.beans.binding.StringBinding datasetNameProperty() {
        return javafx.beans.binding.Bindings.createStringBinding(() -> {
            LabelView view = app.dataset();
            return view == null ? "no dataset open" : view.dataset().name();
        }, app.datasetProperty());
    }

    // ---- actions

    /** Checks the settings and queues a run; on bad settings says which value is wrong and starts nothing. */
    public boolean start() {
        LabelView view = app.dataset();
        if (view == null) {
            formError.set("Open a dataset first (Dataset tab).");
            return false;
        }
        RunSpec spec;
        try {
            spec = new RunSpec(runName.get().isBlank() ? null : runName.get().trim(),
                    app.datasetChoiceProperty().get() == null ? view.dataset().source().toString()
                            : app.datasetChoiceProperty().get().spec(),
                    app.architectureProperty().get(), app.initProperty().get(),
                    app.freezeAllButLastProperty().get(), optimizer.get(),
                    number("learning rate", learningRate.get()), number("gamma", gamma.get()), 0.9,
                    whole("batch size", batchSize.get()), whole("epochs", epochs.get()),
                    whole("training subset", limitTrain.get()), app.augmentationProperty().get(),
                    whole("seed", seed.get()),
                    app.resizeProperty().get().key(),
                    ArchitectureCatalog.CUSTOM.equals(app.architectureProperty().get())
                            ? LayerSpecText.format(app.customLayersProperty().get()) : null,
                    schedule.get() == null ? null : schedule.get().text());
        } catch (IllegalArgumentException e) {
            formError.set(e.getMessage());
            return false;
        }
        formError.set("");
        submit(spec, view);
        return true;
    }

    /** Another tab's run (Diagnosis: "retrain on cleaned data"), trained and shown here like one started here. */
    private void startRequested(RunSpec spec) {
        LabelView view = app.dataset();
        if (view == null) {
            app.events().publish(new AppEvents.Failure("Cannot start " + spec.name(), "No dataset is open."));
            return;
        }
        submit(spec, view);
    }

    /** Runs started while one trains: they wait here, in order, and start when it ends (Start queues). */
    public ReadOnlyIntegerProperty queuedProperty() {
        return queued.getReadOnlyProperty();
    }

    private void submit(RunSpec spec, LabelView view) {
        queue(() -> begin(view, live -> app.training().submit(spec, view, live), spec.architecture()));
    }

    /**
     * Continues an interrupted, cancelled or failed run from its last checkpoint; it must be a run of the dataset
     * open now (the Dataset tab opens datasets).
     */
    public boolean resume(RunRow row) {
        LabelView view = app.dataset();
        if (row == null || row.record() == null || !row.record().resumable()) {
            formError.set("Pick an interrupted, cancelled or failed run to resume.");
            return false;
        }
        if (view == null || !row.trainedOn(view)) {
            formError.set(row.name() + " was trained on " + row.dataset() + " (" + (row.record().data() == null ? "?"
                    : row.record().data().source()) + "): open that dataset first (Dataset tab), then resume.");
            return false;
        }
        formError.set("");
        queue(() -> begin(view, live -> app.training().resume(row.folder(), view, live),
                row.record().spec().architecture()));
        return true;
    }

    private void queue(Runnable start) {
        if (running.get()) {
            waiting.add(start);
            queued.set(waiting.size());
            app.events().publish(new AppEvents.Notice("Queued: it starts when the run training now ends ("
                    + waiting.size() + " waiting)"));
            return;
        }
        start.run();
    }

    private void begin(LabelView view, java.util.function.Function<LiveRun, TrainingJob> submitter,
                       String architecture) {
        live = new LiveRun();
        shownLosses = -1;
        shownRecord = null;
        // the best epoch shown belongs to the run shown: a new run has none yet
        bestText.set("");
        try {
            job = submitter.apply(live);
        } catch (RuntimeException e) {
            formError.set(e.getMessage());
            startNextWaiting();
            return;
        }
        running.set(true);
        paused.set(false);
        progress.set(-1);
        progressText.set("Preparing " + architecture + " on " + view.dataset().name() + "…");
        refresher.play();
        LiveRun thisRun = live;
        job.result().whenComplete((record, error) -> Platform.runLater(() -> finished(thisRun, record, error)));
    }

    public void pauseOrResume() {
        if (job == null) {
            return;
        }
        if (paused.get()) {
            job.resume();
            paused.set(false);
        } else {
            job.pause();
            paused.set(true);
            progressText.set(progressText.get() + " · paused");
        }
    }

    public void cancel() {
        if (job != null) {
            job.cancel();
            progressText.set("Cancelling after this batch…");
        }
    }

    /**
     * Gives a run another name (unique: the store refuses one another run has); the list follows. Says on the
     * form why when it cannot.
     */
    public void rename(RunRow row, String name) {
        RunStore store = app.training().store();
        fileReader.execute(() -> {
            try {
                store.rename(row.folder(), name);
                Platform.runLater(() -> formError.set(""));
            } catch (RuntimeException e) {
                Platform.runLater(() -> formError.set("Cannot rename " + row.name() + ": " + e.getMessage()));
            }
            refreshRuns();
        });
    }

    /** Moves runs to the workspace's trash; {@link #undoDelete} brings the last ones moved back. */
    public void delete(List<RunRow> rows) {
        RunStore store = app.training().store();
        List<RunRow> chosen = List.copyOf(rows);
        fileReader.execute(() -> {
            List<Path[]> moved = new ArrayList<>();
            String problem = null;
            for (RunRow row : chosen) {
                try {
                    moved.add(new Path[] {store.moveToTrash(row.folder()), row.folder()});
                } catch (RuntimeException e) {
                    problem = e.getMessage();
                }
            }
            String failure = problem;
            Platform.runLater(() -> {
                trashed.setAll(moved);
                formError.set(failure == null ? "" : "Not deleted: " + failure);
                if (!moved.isEmpty()) {
                    app.events().publish(new AppEvents.Notice("Moved " + moved.size() + " run(s) to "
                            + store.trash() + " (Undo delete brings them back)"));
                }
            });
            refreshRuns();
        });
    }

    /** The runs the last delete moved to the trash, as (where they are now, where they were). */
    public ObservableList<Path[]> trashed() {
        return trashed;
    }

    public void undoDelete() {
        RunStore store = app.training().store();
        List<Path[]> back = List.copyOf(trashed);
        trashed.clear();
        fileReader.execute(() -> {
            for (Path[] pair : back) {
                try {
                    store.restoreFromTrash(pair[0], pair[1].getFileName().toString());
                } catch (RuntimeException e) {
                    Platform.runLater(() -> formError.set(e.getMessage()));
                }
            }
            refreshRuns();
        });
    }

    /**
     * Fills the form (and the architecture settings the Architecture tab shares) with a run's settings, to train
     * it again or a variant of it.
     */
    public void loadSettings(RunRow row) {
        if (row == null || row.record() == null) {
            return;
        }
        RunSpec spec = row.record().spec();
        app.chooseArchitecture(spec.architecture());
        app.initProperty().set(spec.init());
        app.freezeAllButLastProperty().set(spec.freezeAllButLast());
        app.resizeProperty().set(atelier.model.Resize.parse(spec.resize()));
        if (spec.layers() != null) {
            app.customLayersProperty().set(LayerSpecText.parse(spec.layers()));
        }
        optimizer.set(spec.optimizer());
        learningRate.set(Double.toString(spec.learningRate()));
        gamma.set(Double.toString(spec.gamma()));
        schedule.set(spec.learningRateSchedule());
        batchSize.set(Integer.toString(spec.batchSize()));
        epochs.set(Integer.toString(spec.epochs()));
        limitTrain.set(Integer.toString(spec.limitTrain()));
        app.augmentationProperty().set(spec.augmentation());
        seed.set(Long.toString(spec.seed()));
        runName.set(spec.name() == null ? "" : spec.name());
        formError.set("");
    }

    public void refreshRuns() {
        RunStore store = app.training().store();
        fileReader.execute(() -> {
            List<RunRow> rows = store.list().stream().map(RunRow::of).toList();
            Platform.runLater(() -> {
                List<Path> selected = selectedRuns.stream().map(RunRow::folder).toList();
                runs.setAll(rows);
                selectedRuns.setAll(rows.stream().filter(r -> selected.contains(r.folder())).toList());
                chartRevision.set(chartRevision.get() + 1);
            });
        });
    }

    /** The runs to draw: the selected ones, and the live run. */
    public List<ChartRun> chartRuns() {
        List<ChartRun> drawn = new ArrayList<>();
        boolean liveShown = live != null && live.record != null && !live.done;
        List<Path> shown = new ArrayList<>(selectedRuns.stream().map(RunRow::folder).toList());
        if (liveShown) {
            shown.add(live.folder);
        }
        for (RunRow row : selectedRuns) {
            if (row.record() == null || (liveShown && row.folder().equals(live.folder))) {
                continue;
            }
            float[] losses = iterationCache.getOrDefault(row.folder(), new float[0]);
            drawn.add(new ChartRun(row.name(), row.record().epochs(),
                    RunCurves.decimate(losses, losses.length, MAX_ITERATION_POINTS), row.record().bestEpoch(), false,
                    colours.of(row.folder(), shown)));
        }
        if (liveShown) {
            float[] losses = live.losses.toArray();
            RunRecord record = live.record;
            String name = record.spec().name() != null ? record.spec().name() : record.id();
            drawn.add(new ChartRun(name + " (live)", record.epochs(),
                    RunCurves.decimate(losses, losses.length, MAX_ITERATION_POINTS), record.bestEpoch(), true,
                    colours.of(live.folder, shown)));
        }
        return drawn;
    }

    // ---- internals

    private void pullLiveRun() {
        LiveRun now = live;
        if (now == null) {
            return;
        }
        IterationProgress p = now.progress;
        if (p != null && !paused.get()) {
            double done = ((p.epoch() - 1) * (double) p.batchesPerEpoch() + p.batch())
                    / ((double) p.epochs() * p.batchesPerEpoch());
            progress.set(done);
            String text = String.format("Epoch %d/%d · batch %d/%d · %.0f images/s · %s left", p.epoch(), p.epochs(),
                    p.batch(), p.batchesPerEpoch(), p.imagesPerSecond(), eta(p.secondsLeft()));
            progressText.set(now.evaluating ? text + " · measuring the test set" : text);
        }
        RunRecord record = now.record;
        if (record == null || record.bestEpoch() == 0) {
            bestText.set("");
        } else {
            bestText.set(String.format("Best epoch: %d (test accuracy %.2f%%)", record.bestEpoch(),
                    100 * record.bestTestAccuracy()));
        }
        int lossCount = now.losses.size();
        if (lossCount != shownLosses || record != shownRecord) {
            if (record != shownRecord) {
                // the run is listed from its start, and its row follows it epoch by epoch
                refreshRuns();
            }
            shownLosses = lossCount;
            shownRecord = record;
            chartRevision.set(chartRevision.get() + 1);
        }
    }

    private void startNextWaiting() {
        Runnable next = waiting.poll();
        queued.set(waiting.size());
        if (next != null) {
            next.run();
        }
    }

    private void finished(LiveRun run, RunRecord record, Throwable error) {
        if (run != live) {
            return;
        }
        Platform.runLater(this::startNextWaiting);
        refresher.stop();
        pullLiveRun();
        running.set(false);
        paused.set(false);
        if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            progressText.set("Not started: " + cause.getMessage());
            app.reportFailure("Training did not start", cause);
        } else {
            progress.set(record.status() == RunStatus.COMPLETED ? 1 : progress.get());
            String outcome = switch (record.status()) {
                case COMPLETED -> "Finished";
                case CANCELLED -> "Cancelled";
                case DIVERGED -> "Stopped: diverged";
                case INTERRUPTED -> "Interrupted";
                default -> "Failed";
            };
            progressText.set(outcome + (record.message() != null ? ": " + record.message() : ""));
            app.events().publish(new AppEvents.RunEnded(record));
            if (record.status() == RunStatus.DIVERGED || record.status() == RunStatus.FAILED) {
                app.events().publish(new AppEvents.Failure("Training stopped", record.message()));
            } else {
                app.events().publish(new AppEvents.Notice(outcome + " " + record.id() + ": best test accuracy "
                        + String.format("%.2f%%", 100 * record.bestTestAccuracy())));
            }
            if (run.folder != null) {
                iterationCache.put(run.folder, run.losses.toArray());
                refreshRunsSelecting(run.folder);
                return;
            }
        }
        refreshRuns();
    }

    private void refreshRunsSelecting(Path folder) {
        RunStore store = app.training().store();
        fileReader.execute(() -> {
            List<RunRow> rows = store.list().stream().map(RunRow::of).toList();
            Platform.runLater(() -> {
                List<Path> selected = new ArrayList<>(selectedRuns.stream().map(RunRow::folder).toList());
                selected.add(folder);
                runs.setAll(rows);
                selectedRuns.setAll(rows.stream().filter(r -> selected.contains(r.folder())).toList());
            });
        });
    }

    private void loadCurvesOfSelection() {
        List<Path> missing = selectedRuns.stream().map(RunRow::folder)
                .filter(folder -> !iterationCache.containsKey(folder)).toList();
        chartRevision.set(chartRevision.get() + 1);
        if (missing.isEmpty()) {
            return;
        }
        fileReader.execute(() -> {
            for (Path folder : missing) {
                try {
                    iterationCache.put(folder, RunCurves.iterationLosses(folder));
                } catch (RuntimeException e) {
                    iterationCache.put(folder, new float[0]);
                }
            }
            Platform.runLater(() -> chartRevision.set(chartRevision.get() + 1));
        });
    }

    private static String eta(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s"
                : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private static double number(String what, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a number");
        }
    }

    private static int whole(String what, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a whole number");
        }
    }

    public void reloadArchitectures() {
        architectures.setAll(architectureNames.get());
    }
}
