package atelier.ui.study;

import atelier.report.FigureOutcome;
import atelier.report.Figures;
import atelier.report.ReportWriter;
import atelier.study.Sheets;
import atelier.study.StepState;
import atelier.study.StudyCancelledException;
import atelier.study.StudyListener;
import atelier.study.StudyPlan;
import atelier.study.StudyFigures;
import atelier.study.StudyReports;
import atelier.study.StudyRunner;
import atelier.study.StudyState;
import atelier.study.StudyStep;
import atelier.study.StudyStore;
import atelier.train.RunRecord;
import atelier.train.RunStore;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and actions of the Studies tab: start a built-in sheet or a comparison of picked runs, follow the whole
 * study (step, progress, ETA), pause, resume, stop, and read the results and figures as the report fills in. The
 * study trains on the app's one training service, on a thread of its own; reading the workspace happens on another;
 * the screen is updated a few times a second at most.
 */
public final class StudyViewModel {
    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final AppModel app;
    private final StudyStore store;
    private final Executor io;
    private final Executor studyThread;
    private final Executor fx;
    private final Figures figures;

    private final ObjectProperty<StudyChoice> choice = new SimpleObjectProperty<>(StudyChoice.FASHION);
    private final StringProperty name = new SimpleStringProperty("fashion-sheet");
    private final StringProperty epochs = new SimpleStringProperty("10");
    private final StringProperty limitTrain = new SimpleStringProperty("0");
    private final ObservableList<StudyRow> studies = FXCollections.observableArrayList();
    private final ObservableList<String> runs = FXCollections.observableArrayList();
    private final ObservableList<String> pickedRuns = FXCollections.observableArrayList();
    private final ObservableList<ResultRow> results = FXCollections.observableArrayList();
    private final ObservableList<FigureItem> figureItems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<String> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a sheet, or runs to compare, "
            + "and start.");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> reportHtml = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> reportPdf = new ReadOnlyObjectWrapper<>();
    private volatile StudyRunner runner;
    private volatile long lastProgress;

    public StudyViewModel(AppModel app) {
        this(app, thread("atelier-study-io"), thread("atelier-study"), Platform::runLater, StudyFigures.standard(app.workspace()));
    }

    /** @param io reads the workspace; @param studyThread runs studies; @param fx updates the screen */
    public StudyViewModel(AppModel app, Executor io, Executor studyThread, Executor fx, Figures figures) {
        this.app = app;
        this.store = new StudyStore(app.workspace());
        this.io = io;
        this.studyThread = studyThread;
        this.fx = fx;
        this.figures = figures;
        choice.addListener((obs, old, now) -> {
            if (now != null && (name.get() == null || name.get().isBlank() || isDefaultName(name.get()))) {
                name.set(now == StudyChoice.RUNS ? "my-comparison" : now.sheet());
            }
        });
        app.events().subscribe(AppEvents.RunEnded.class, e -> refresh());
    }

    private static boolean isDefaultName(String text) {
        return Sheets.BUILT_IN.contains(text) || "my-comparison".equals(text);
    }

    private static Executor thread(String threadName) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Lists the studies and the runs (for composing a study of one's own). */
    public void refresh() {
        io.execute(() -> {
            List<StudyRow> rows = store.list().stream().map(e -> e.plan() == null
                    ? new StudyRow(e.name(), "?", 0, 0, e.damage())
                    : new StudyRow(e.name(), e.plan().sheet(), e.state().finished(), e.plan().steps().size(), null))
                    .toList();
            List<String> runNames = new RunStore(app.workspace().runs()).list().stream()
                    .filter(entry -> !entry.damaged()).map(entry -> entry.folder().getFileName().toString()).toList();
            fx.execute(() -> {
                studies.setAll(rows);
                runs.setAll(runNames);
            });
        });
    }

    /** Saves a new study from the choices and runs it. */
    public void start() {
        if (running.get()) {
            return;
        }
        String studyName = name.get() == null ? "" : name.get().trim();
        int epochCount;
        int limit;
        try {
            epochCount = Integer.parseInt(epochs.get().trim());
            limit = Integer.parseInt(limitTrain.get().trim());
            if (epochCount < 1 || limit < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException | NullPointerException e) {
            status.set("Epochs must be a whole number of at least 1, and the training subset 0 (all) or more.");
            return;
        }
        StudyChoice what = choice.get();
        List<String> picked = List.copyOf(pickedRuns);
        if (what == StudyChoice.RUNS && picked.isEmpty()) {
            status.set("Pick the runs to compare in the list first (Ctrl+click for several).");
            return;
        }
        running.set(true);
        status.set("Preparing study " + studyName + "…");
        studyThread.execute(() -> {
            try {
                if (store.exists(studyName)) {
                    throw new IllegalArgumentException("a study named " + studyName + " exists already: select it "
                            + "and press Resume, or choose another name");
                }
                StudyPlan plan = what == StudyChoice.RUNS ? Sheets.ofRuns(studyName, picked, null)
                        : Sheets.named(what.sheet(), studyName, epochCount, limit, store.workspace());
                store.save(plan);
                fx.execute(this::refresh);
                runStudy(studyName);
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    running.set(false);
                    status.set("Not started: " + e.getMessage());
                });
            }
        });
    }

    /** Goes on with the selected study where it stopped (finished runs are kept). */
    public void resumeSelected() {
        String study = selected.get();
        if (study == null || running.get()) {
            return;
        }
        running.set(true);
        studyThread.execute(() -> runStudy(study));
    }

    private void runStudy(String study) {
        fx.execute(() -> selected.set(study));
        StudyRunner current = new StudyRunner(store, app.training(), new Listener(study), (message, done, total) -> {
            if (done == total || System.nanoTime() - lastProgress > PROGRESS_INTERVAL_NANOS) {
                lastProgress = System.nanoTime();
                fx.execute(() -> status.set(String.format("%s: %,d / %,d", message, done, total)));
            }
        });
        runner = current;
        String outcome;
        try {
            StudyState state = current.run(study);
            outcome = String.format("Study %s finished: %d of %d steps.", study, state.finished(),
                    state.steps().size());
        } catch (StudyCancelledException e) {
            outcome = "Stopped. " + e.getMessage().substring(0, 1).toUpperCase(Locale.ROOT)
                    + e.getMessage().substring(1) + " (Resume).";
        } catch (RuntimeException e) {
            outcome = "Study " + study + " failed: " + e.getMessage();
        } finally {
            runner = null;
        }
        writeReport(study);
        String text = outcome;
        fx.execute(() -> {
            running.set(false);
            paused.set(false);
            status.set(text);
            eta.set("");
            refresh();
        });
        loadSelected(study);
    }

    public void pause() {
        StudyRunner current = runner;
        if (current != null) {
            current.pause();
            paused.set(true);
        }
    }

    public void resumeTraining() {
        StudyRunner current = runner;
        if (current != null) {
            current.resume();
            paused.set(false);
        }
    }

    /** Stops within one batch; the study can be resumed later. */
    public void cancel() {
        StudyRunner current = runner;
        if (current != null) {
            current.cancel();
            status.set("Stopping…");
        }
    }

    /** Shows a study's results and figures (from its last report). */
    public void select(String study) {
        selected.set(study);
        if (study != null) {
            io.execute(() -> loadSelected(study));
        }
    }

    /** Writes the selected study's report again (HTML and PDF), from what it has now. */
    public void makeReport() {
        String study = selected.get();
        if (study == null) {
            return;
        }
        status.set("Writing the report of " + study + "…");
        io.execute(() -> {
            String done = writeReport(study) ? "Report written: " + store.reportFolder(study)
                    : "The report could not be written; see the log.";
            fx.execute(() -> status.set(done));
            loadSelected(study);
        });
    }

    private boolean writeReport(String study) {
        try {
            new StudyReports(store, figures).write(study, null);
            return true;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(StudyViewModel.class).warn("report of {} failed", study, e);
            return false;
        }
    }

    private void loadSelected(String study) {
        try {
            StudyPlan plan = store.plan(study);
            StudyState state = store.state(study);
            RunStore runStore = new RunStore(app.workspace().runs());
            List<ResultRow> rows = new ArrayList<>();
            for (StudyStep step : plan.steps()) {
                StepState s = state.step(step.key());
                String best = "";
                String accuracy = "";
                if (s.run() != null && Files.isRegularFile(runStore.root().resolve(s.run()).resolve(RunStore.RECORD))) {
                    RunRecord record = RunStore.read(runStore.root().resolve(s.run()));
                    if (record.bestEpoch() > 0) {
                        best = record.bestEpoch() + " of " + record.epochs().size();
                        accuracy = String.format("%.2f%%", 100 * record.bestTestAccuracy());
                    }
                }
                rows.add(new ResultRow(step.title(), step.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        s.status().name().toLowerCase(Locale.ROOT), s.run() == null ? "" : s.run(), best, accuracy,
                        s.message() == null ? "" : s.message()));
            }
            List<FigureItem> items = readFigures(study);
            Path html = store.reportFolder(study).resolve(ReportWriter.HTML);
            Path pdf = store.reportFolder(study).resolve(ReportWriter.PDF);
            fx.execute(() -> {
                if (study.equals(selected.get())) {
                    results.setAll(rows);
                    figureItems.setAll(items);
                    reportHtml.set(Files.isRegularFile(html) ? html : null);
                    reportPdf.set(Files.isRegularFile(pdf) ? pdf : null);
                }
            });
        } catch (RuntimeException e) {
            fx.execute(() -> status.set(e.getMessage()));
        }
    }

    /** The figures as the last report drew them: the outcome list is rebuilt from the report's HTML folder. */
    private List<FigureItem> readFigures(String study) {
        Path folder = store.reportFolder(study);
        List<FigureItem> items = new ArrayList<>();
        Path index = folder.resolve(ReportWriter.FIGURES);
        if (!Files.isRegularFile(index)) {
            return items;
        }
        try {
            FigureOutcome[] outcomes = new com.fasterxml.jackson.databind.ObjectMapper()
                    .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(index.toFile(), FigureOutcome[].class);
            for (FigureOutcome outcome : outcomes) {
                items.add(new FigureItem(outcome.slot().title(), outcome.missing() ? null
                        : folder.resolve(outcome.image()), outcome.caption(), outcome.missingReason()));
            }
        } catch (java.io.IOException e) {
            items.add(new FigureItem("figures", null, null, index + " cannot be read: " + e.getMessage()));
        }
        return items;
    }

    /** Reports from the study's threads, handed to the screen a few times a second at most. */
    private final class Listener implements StudyListener {
        private final String study;

        Listener(String study) {
            this.study = study;
        }

        @Override
        public void stepStarted(int index, int count, StudyStep step) {
            fx.execute(() -> status.set(String.format("Step %d of %d: %s", index + 1, count, step.title())));
            // the state now says which steps are kept and which continue their interrupted run (after a resume)
            loadSelected(study);
        }

        @Override
        public void progress(Progress p) {
            long now = System.nanoTime();
            if (now - lastProgress < PROGRESS_INTERVAL_NANOS) {
                return;
            }
            lastProgress = now;
            fx.execute(() -> {
                progress.set(p.fraction());
                status.set(String.format("Step %d of %d: %s · epoch %d/%d, batch %d/%d · %,.0f images/s", p.step(),
                        p.steps(), p.stepTitle(), p.run().epoch(), p.run().epochs(), p.run().batch(),
                        p.run().batchesPerEpoch(), p.run().imagesPerSecond()));
                eta.set(String.format("study %.0f%% · about %s left", 100 * p.fraction(),
                        duration(p.studySecondsLeft())));
            });
        }

        @Override
        public void stepFinished(StudyStep step, StepState state) {
            // the figures fill in as the study goes: the report is made again after every step
            writeReport(study);
            loadSelected(study);
            fx.execute(StudyViewModel.this::refresh);
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s"
                : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    public ObjectProperty<StudyChoice> choiceProperty() {
        return choice;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty epochsProperty() {
        return epochs;
    }

    public StringProperty limitTrainProperty() {
        return limitTrain;
    }

    public ObservableList<StudyRow> studies() {
        return studies;
    }

    public ObservableList<String> runs() {
        return runs;
    }

    /** The runs chosen in the list, for a study of one's own; the View keeps it in step with the selection. */
    public ObservableList<String> pickedRuns() {
        return pickedRuns;
    }

    public ObservableList<ResultRow> results() {
        return results;
    }

    public ObservableList<FigureItem> figures() {
        return figureItems;
    }

    public ReadOnlyObjectProperty<String> selectedProperty() {
        return selected.getReadOnlyProperty();
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

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> reportHtmlProperty() {
        return reportHtml.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> reportPdfProperty() {
        return reportPdf.getReadOnlyProperty();
    }
}
