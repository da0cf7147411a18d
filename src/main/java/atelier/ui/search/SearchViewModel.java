package atelier.ui.search;

import atelier.data.LabelView;
import atelier.model.ArchitectureCatalog;
import atelier.model.LayerSpecText;
import atelier.search.ParetoFront;
import atelier.search.SearchListener;
import atelier.search.SearchRunner;
import atelier.search.SearchSettings;
import atelier.search.SearchSpace;
import atelier.search.SearchState;
import atelier.search.SearchStore;
import atelier.search.Segment;
import atelier.search.Trial;
import atelier.train.RunCurves;
import atelier.train.RunRecord;
import atelier.train.RunSpec;
import atelier.train.RunStore;
import atelier.train.TrainingListener;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import atelier.ui.DatasetChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Search tab: the space being edited, the search's settings, the running or opened search (its
 * trials, budget and plots), and the chosen trial's curves. The search runs on its own thread and reports through
 * a {@link SearchListener}; its news is handed to the FX thread at most every {@code refreshMs}, so the table and
 * the plots redraw a few times a second whatever the training does.
 */
public final class SearchViewModel {
    static final String EXPLANATION = "Strategy: designs are drawn from the space by a Sobol sequence (evenly "
            + "spread, seeded) and trained with asynchronous successive halving. Each new design trains on a few "
            + "images and is scored on validation images held out from the training set (never the test set); "
            + "whenever it is in the best third of its rung it continues from its checkpoint on three times as "
            + "many images, the rest stop there. Training time is the limit: a full epoch of one design takes "
            + "minutes on two cores, so trying every combination for even one epoch would take days. Halving "
            + "spends most of the budget on the designs that look best early, which finds good ones among many "
            + "(at the risk of dropping slow starters). At the end the Pareto set of parameters against "
            + "validation accuracy is retrained on the whole training set and tested once.";

    private final AppModel app;
    private final Executor searchThread;
    private final Executor reader;
    private final Executor fx;
    private final long refreshMs;

    private final StringProperty spaceText = new SimpleStringProperty(SearchSpace.defaults().toJson());
    private final ReadOnlyStringWrapper spaceProblem = new ReadOnlyStringWrapper("");
    private final StringProperty budgetMinutes = new SimpleStringProperty("20");
    private final StringProperty seed = new SimpleStringProperty("1");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty limitTrain = new SimpleStringProperty("0");
    private final StringProperty rungImages = new SimpleStringProperty("1000");
    private final StringProperty validationImages = new SimpleStringProperty("1000");
    private final StringProperty finalModels = new SimpleStringProperty("2");
    private final StringProperty finalEpochs = new SimpleStringProperty("1");
    private final StringProperty trainEpochs = new SimpleStringProperty("10");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No search yet: edit the space, set a "
            + "budget and press Start.");
    private final ReadOnlyStringWrapper budgetText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper budgetProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<SearchState> state = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TrialRow> trials = FXCollections.observableArrayList();
    private final ObservableList<String> searches = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper curveTitle = new ReadOnlyStringWrapper("Select a trial to see its "
            + "curves");
    private final ObservableList<SearchPlots.Point> curveAccuracy = FXCollections.observableArrayList();
    private final ObservableList<SearchPlots.Point> curveTrainAccuracy = FXCollections.observableArrayList();
    private final ObservableList<SearchPlots.Point> curveLoss = FXCollections.observableArrayList();

    private final AtomicReference<SearchState> latest = new AtomicReference<>();
    private final AtomicReference<String> latestNote = new AtomicReference<>();
    private final AtomicReference<TrainingListener.IterationProgress> latestProgress = new AtomicReference<>();
    private final AtomicBoolean pullScheduled = new AtomicBoolean();
    private volatile SearchRunner runner;

    public SearchViewModel(AppModel app) {
        this(app, daemon("atelier-search"), daemon("atelier-search-reader"), Platform::runLater, 250);
    }

    /**
     * @param searchThread runs the search (it blocks until the search ends)
     * @param reader       reads saved searches and runs
     * @param fx           owns this model's properties
     * @param refreshMs    at most one update of the properties per this many milliseconds
     */
    SearchViewModel(AppModel app, Executor searchThread, Executor reader, Executor fx, long refreshMs) {
        this.app = app;
        this.searchThread = searchThread;
        this.reader = reader;
        this.fx = fx;
        this.refreshMs = refreshMs;
        spaceText.addListener((obs, old, text) -> checkSpace());
        refreshSearches(true);
    }

    private static Executor daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    // ---- actions

    /** Starts a new search on the open dataset with the space and settings of the form. */
    public void start() {
        LabelView view = app.dataset();
        DatasetChoice choice = app.datasetChoiceProperty().get();
        if (running.get()) {
            return;
        }
        if (view == null || choice == null) {
            formError.set("Open a dataset first (Dataset tab).");
            return;
        }
        SearchSettings settings;
        String searchName;
        try {
            SearchSpace space = SearchSpace.parse(spaceText.get());
            settings = new SearchSettings(choice.spec(), positive(budgetMinutes, "Budget"), whole(seed, "Seed"),
                    space, 3, whole(rungImages, "Images at rung 0"), 3, (int) whole(validationImages,
                    "Validation images"), (int) whole(limitTrain, "Training subset"), 64, 0,
                    (int) whole(finalModels, "Final models"), (int) whole(finalEpochs, "Final epochs"), 1);
            searchName = name.get().isBlank() ? defaultName(choice) : name.get().strip();
            SearchStore.checkName(searchName);
            if (store().exists(searchName)) {
                throw new IllegalArgumentException("a search named " + searchName + " exists: open and resume it, "
                        + "or give another name");
            }
        } catch (IllegalArgumentException e) {
            formError.set(e.getMessage());
            return;
        }
        formError.set("");
        SearchSettings chosen = settings;
        launch(searchName, () -> SearchRunner.create(store(), searchName, chosen, view));
    }

    /** Continues the shown search (after quitting, a crash or Stop) on the open dataset. */
    public void resume() {
        SearchState shown = state.get();
        LabelView view = app.dataset();
        if (shown == null || running.get()) {
            return;
        }
        DatasetChoice choice = app.datasetChoiceProperty().get();
        if (view == null || choice == null || !choice.spec().equals(shown.settings().dataset())) {
            formError.set("Search " + shown.name() + " runs on " + shown.settings().dataset()
                    + ": open that dataset first.");
            return;
        }
        if (shown.phase() == SearchState.Phase.DONE) {
            formError.set("Search " + shown.name() + " has finished.");
            return;
        }
        formError.set("");
        launch(shown.name(), () -> shown);
    }

    /** Stops the search; the segments under way are trained again when it resumes. */
    public void stop() {
        SearchRunner current = runner;
        if (current != null) {
            status.set("Stopping: the segment under way is cancelled and will be trained again on resume…");
            current.stop();
        }
    }

    /** Shows a saved search (its trials, plots and results) without running it. */
    public void open(String searchName) {
        if (running.get() || searchName == null) {
            return;
        }
        reader.execute(() -> {
            try {
                SearchState loaded = store().load(searchName);
                boolean elsewhere = loaded.phase() != SearchState.Phase.DONE && store().runningElsewhere(searchName);
                fx.execute(() -> {
                    show(loaded);
                    status.set(elsewhere ? describe(loaded).replaceFirst("(Not running in this window|Stopped "
                            + "during the final retraining): .*$", "Running in another window or command: open it "
                            + "again to see its progress.") : describe(loaded));
                });
            } catch (RuntimeException e) {
                fx.execute(() -> formError.set(e.getMessage()));
            }
        });
    }

    /** Loads the curves of a trial's runs: validation and training accuracy by images seen, and its loss. */
    public void showTrial(TrialRow row) {
        if (row == null) {
            return;
        }
        Trial trial = row.trial();
        Path runs = app.workspace().runs();
        reader.execute(() -> {
            List<SearchPlots.Point> accuracy = new ArrayList<>();
            List<SearchPlots.Point> trainAccuracy = new ArrayList<>();
            List<Float> losses = new ArrayList<>();
            for (Segment segment : trial.segments()) {
                if (segment.run() == null || !Files.isDirectory(runs.resolve(segment.run()))) {
                    continue;
                }
                if (segment.completed()) {
                    accuracy.add(new SearchPlots.Point(segment.images(), segment.validationAccuracy(), trial.id()));
                    trainAccuracy.add(new SearchPlots.Point(segment.images(), segment.trainAccuracy(), trial.id()));
                }
                try {
                    for (float loss : RunCurves.iterationLosses(runs.resolve(segment.run()))) {
                        losses.add(loss);
                    }
                } catch (RuntimeException unreadable) {
                    // a run folder removed or damaged: its curve is left out
                }
            }
            float[] values = new float[losses.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = losses.get(i);
            }
            List<SearchPlots.Point> loss = new ArrayList<>();
            for (double[] p : RunCurves.decimate(values, values.length, 300)) {
                loss.add(new SearchPlots.Point(p[0], p[1], trial.id()));
            }
            fx.execute(() -> {
                curveTitle.set("Trial " + trial.id() + ": " + trial.point().summary() + String.format(Locale.ROOT,
                        " · %,d parameters", trial.parameters()));
                curveAccuracy.setAll(accuracy);
                curveTrainAccuracy.setAll(trainAccuracy);
                curveLoss.setAll(loss);
            });
        });
    }

    /** Puts the trial's layer list into the Architecture tab's custom editor. */
    public void openInArchitecture(TrialRow row) {
        if (row == null) {
            return;
        }
        app.events().publish(new AppEvents.CustomLayersRequested(LayerSpecText.parse(row.trial().layers()),
                "trial " + row.id() + " of search " + state.get().name()));
    }

    /** Starts a full run of the trial in the Training tab: all training images, tested after every epoch. */
    public void train(TrialRow row) {
        if (row == null) {
            return;
        }
        int epochs;
        try {
            epochs = (int) whole(trainEpochs, "Epochs");
            if (epochs < 1) {
                throw new IllegalArgumentException("Epochs: at least 1");
            }
        } catch (IllegalArgumentException e) {
            formError.set(e.getMessage());
            return;
        }
        Trial trial = row.trial();
        SearchState shown = state.get();
        RunSpec spec = new RunSpec("search:" + shown.name() + ":t" + trial.id() + ":full",
                shown.settings().dataset(), ArchitectureCatalog.CUSTOM, "xavier", false, trial.point().optimizer(),
                trial.point().learningRate(), 0.7, 0.9, shown.settings().batchSize(), epochs, 0, "none",
                shown.settings().seed(), "auto", trial.layers());
        app.events().publish(new AppEvents.TrainingRequested(spec));
    }

    public void resetSpace() {
        spaceText.set(SearchSpace.defaults().toJson());
    }

    public void refreshSearches() {
        refreshSearches(false);
    }

    // ---- running

    private interface Prepare {
        SearchState get();
    }

    private void launch(String searchName, Prepare prepare) {
        running.set(true);
        status.set("Preparing search " + searchName + "…");
        LabelView view = app.dataset();
        searchThread.execute(() -> {
            try {
                prepare.get();
                SearchRunner current = new SearchRunner(app.training(), store(), view, searchName, new Relay());
                runner = current;
                SearchState ended = current.run();
                latest.set(ended);
                fx.execute(() -> ended(ended, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fx.execute(() -> ended(null, e));
            } catch (RuntimeException e) {
                fx.execute(() -> ended(null, e));
            } finally {
                runner = null;
            }
        });
    }

    private void ended(SearchState ended, Throwable error) {
        running.set(false);
        if (error != null) {
            status.set("The search stopped: " + error.getMessage());
            app.reportFailure("Search failed", error);
        } else {
            show(ended);
            status.set(describe(ended));
        }
        refreshSearches(false);
    }

    /** Receives the search's news on its threads; keeps only the latest and schedules one pull. */
    private final class Relay implements SearchListener {
        @Override
        public void changed(SearchState changed) {
            latest.set(changed);
            schedulePull();
        }

        @Override
        public void progress(int trial, int rung, TrainingListener.IterationProgress progress) {
            latestProgress.set(progress);
            schedulePull();
        }

        @Override
        public void note(String line) {
            latestNote.set(line);
            schedulePull();
        }
    }

    private void schedulePull() {
        if (pullScheduled.compareAndSet(false, true)) {
            CompletableFuture.delayedExecutor(refreshMs, TimeUnit.MILLISECONDS, fx).execute(this::pull);
        }
    }

    private void pull() {
        pullScheduled.set(false);
        if (!running.get()) {
            return; // news that arrived after the end: ended() has shown the final state
        }
        SearchState now = latest.get();
        if (now != null && now != state.get()) {
            show(now);
        }
        String note = latestNote.getAndSet(null);
        if (note != null) {
            status.set(note);
        }
        TrainingListener.IterationProgress progress = latestProgress.get();
        if (now != null && now.phase() == SearchState.Phase.RETRAINING && progress != null) {
            budgetText.set(String.format(Locale.ROOT, "Budget spent (%s). Final retraining: epoch %d/%d, batch "
                    + "%d/%d, %.0f images/s, about %s left", minutes(now.spentSeconds()), progress.epoch(),
                    progress.epochs(), progress.batch(), progress.batchesPerEpoch(), progress.imagesPerSecond(),
                    minutes(progress.secondsLeft())));
        }
    }

    private void show(SearchState shown) {
        state.set(shown);
        Set<Integer> front = ParetoFront.of(shown.trials()).stream().map(Trial::id).collect(Collectors.toSet());
        trials.setAll(shown.trials().stream().map(t -> TrialRow.of(t, front.contains(t.id()))).toList());
        double budget = shown.settings().budgetSeconds();
        budgetProgress.set(Math.min(1, shown.spentSeconds() / budget));
        if (shown.phase() == SearchState.Phase.SEARCHING) {
            double left = Math.max(0, budget - shown.spentSeconds());
            budgetText.set(String.format(Locale.ROOT, "%s of %s spent · search ends about %s, then the final "
                    + "retraining", minutes(shown.spentSeconds()), minutes(budget), LocalTime.now()
                    .plusSeconds((long) left).format(DateTimeFormatter.ofPattern("HH:mm"))));
        } else if (shown.phase() == SearchState.Phase.RETRAINING) {
            budgetText.set("Budget spent (" + minutes(shown.spentSeconds()) + ") " + shown.message());
        } else {
            budgetText.set(String.format(Locale.ROOT, "Done: %s of search and %s of final retraining",
                    minutes(shown.spentSeconds()), minutes(shown.finalSeconds())));
        }
    }

    private static String describe(SearchState s) {
        int[] perRung = s.trialsPerRung();
        StringBuilder text = new StringBuilder("Search " + s.name() + " on " + s.settings().dataset() + ": "
                + s.trials().size() + " trials");
        for (int rung = 0; rung < perRung.length; rung++) {
            text.append(rung == 0 ? " (" : ", ").append(perRung[rung]).append(" at rung ").append(rung);
        }
        text.append("), ").append(s.skipped().size()).append(" designs skipped. ");
        switch (s.phase()) {
            case DONE -> {
                text.append("Final test accuracy: ");
                text.append(s.finalists().stream().filter(f -> f.done()).map(f -> String.format(Locale.ROOT,
                        "trial %d (%,d parameters) %.2f%%", f.trial(), f.parameters(), 100 * f.testAccuracy()))
                        .collect(Collectors.joining("; ")));
            }
            case RETRAINING -> text.append("Stopped during the final retraining: Resume finishes it.");
            default -> text.append("Not running in this window: Resume continues it.");
        }
        return text.toString();
    }

    private void refreshSearches(boolean openNewest) {
        reader.execute(() -> {
            List<String> names;
            try {
                names = store().names();
            } catch (RuntimeException e) {
                names = List.of();
            }
            List<String> found = names;
            fx.execute(() -> {
                searches.setAll(found);
                if (openNewest && !found.isEmpty() && state.get() == null) {
                    open(found.get(0));
                }
            });
        });
    }

    private void checkSpace() {
        try {
            SearchSpace.parse(spaceText.get());
            spaceProblem.set("");
        } catch (IllegalArgumentException e) {
            spaceProblem.set(e.getMessage());
        }
    }

    private SearchStore store() {
        return SearchStore.of(app.workspace());
    }

    private static String defaultName(DatasetChoice choice) {
        String stem = choice.spec().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+", "");
        stem = stem.length() > 40 ? stem.substring(stem.length() - 40) : stem;
        return (stem.isEmpty() ? "search" : stem) + "-" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    private static double positive(StringProperty field, String what) {
        try {
            double value = Double.parseDouble(field.get().strip());
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + ": a positive number, not \"" + field.get() + "\"");
    }

    private static long whole(StringProperty field, String what) {
        try {
            long value = Long.parseLong(field.get().strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + ": a whole number, not \"" + field.get() + "\"");
    }

    static String minutes(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }

    // ---- properties

    public StringProperty spaceTextProperty() {
        return spaceText;
    }

    public ReadOnlyStringProperty spaceProblemProperty() {
        return spaceProblem.getReadOnlyProperty();
    }

    public StringProperty budgetMinutesProperty() {
        return budgetMinutes;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty limitTrainProperty() {
        return limitTrain;
    }

    public StringProperty rungImagesProperty() {
        return rungImages;
    }

    public StringProperty validationImagesProperty() {
        return validationImages;
    }

    public StringProperty finalModelsProperty() {
        return finalModels;
    }

    public StringProperty finalEpochsProperty() {
        return finalEpochs;
    }

    public StringProperty trainEpochsProperty() {
        return trainEpochs;
    }

    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty budgetTextProperty() {
        return budgetText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty budgetProgressProperty() {
        return budgetProgress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SearchState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ObservableList<TrialRow> trials() {
        return trials;
    }

    public ObservableList<String> searches() {
        return searches;
    }

    public ReadOnlyStringProperty curveTitleProperty() {
        return curveTitle.getReadOnlyProperty();
    }

    public ObservableList<SearchPlots.Point> curveAccuracy() {
        return curveAccuracy;
    }

    public ObservableList<SearchPlots.Point> curveTrainAccuracy() {
        return curveTrainAccuracy;
    }

    public ObservableList<SearchPlots.Point> curveLoss() {
        return curveLoss;
    }
}
