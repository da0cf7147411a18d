package atelier.ui.activation;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.ConfusionMatrix;
import atelier.analysis.actmax.ActivationStudy;
import atelier.analysis.actmax.ActmaxImages;
import atelier.analysis.actmax.Ascent;
import atelier.analysis.actmax.AscentSettings;
import atelier.analysis.actmax.AscentState;
import atelier.analysis.actmax.CorrelationFigure;
import atelier.analysis.actmax.InputGradient;
import atelier.analysis.actmax.ProbedLayer;
import atelier.analysis.actmax.QualityStudy;
import atelier.analysis.actmax.RunNetwork;
import atelier.analysis.actmax.StartImage;
import atelier.analysis.actmax.StepRule;
import atelier.data.LabelView;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import atelier.ui.training.RunRow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and actions of the Activation tab. The ascent runs on its own worker thread (injected for tests); its
 * reports reach the JavaFX thread at most a few times a second, so the FX thread never waits on ND4J. Opening a run
 * (its dataset, network and, for the figure, its test predictions) also happens on the worker.
 */
public final class ActivationViewModel {
    /** Reports closer together than this are folded into the next one. */
    private static final long REPORT_INTERVAL_NANOS = 200_000_000L;
    /** The output layer's logits, in the layer chooser. */
    public static final String LOGITS = "logits (output layer)";

    private final AppModel app;
    private final Executor worker;
    private final Executor fx;
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRow> run = new SimpleObjectProperty<>();
    private final ObjectProperty<RunRow> judge = new SimpleObjectProperty<>();
    private final ObservableList<String> layers = FXCollections.observableArrayList(LOGITS);
    private final ObjectProperty<String> layer = new SimpleObjectProperty<>(LOGITS);
    private final IntegerProperty unit = new SimpleIntegerProperty(0);
    private final IntegerProperty shown = new SimpleIntegerProperty(0);
    private final IntegerProperty steps = new SimpleIntegerProperty(AscentSettings.defaults().steps());
    private final ObjectProperty<StartImage> start = new SimpleObjectProperty<>(StartImage.ZEROS);
    private final ObjectProperty<StepRule> rule = new SimpleObjectProperty<>(StepRule.ADAM);
    private final DoubleProperty stepSize = new SimpleDoubleProperty(AscentSettings.defaults().stepSize());
    private final DoubleProperty l2 = new SimpleDoubleProperty(AscentSettings.defaults().l2());
    private final DoubleProperty tv = new SimpleDoubleProperty(AscentSettings.defaults().tv());
    private final IntegerProperty jitter = new SimpleIntegerProperty(AscentSettings.defaults().jitter());
    private final DoubleProperty rotation = new SimpleDoubleProperty(AscentSettings.defaults().rotation());
    private final DoubleProperty scale = new SimpleDoubleProperty(AscentSettings.defaults().scale());
    private final IntegerProperty blurEvery = new SimpleIntegerProperty(AscentSettings.defaults().blurEvery());
    private final BooleanProperty clip = new SimpleBooleanProperty(true);
    private final LongProperty seed = new SimpleLongProperty(1);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canContinue = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<AscentState> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<List<Ascent.TracePoint>>> traces = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<ConfusionMatrix> confusion = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<QualityStudy> quality = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<String>> classNames = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a run and press Start.");
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    /** Touched only on the worker thread. */
    private ActivationStudy study;
    private Ascent ascent;
    private long lastReport;

    public ActivationViewModel(AppModel app) {
        this(app, Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "atelier-actmax");
            thread.setDaemon(true);
            return thread;
        }), Platform::runLater);
    }

    /** @param worker runs the ascent and the loading; @param fx runs state updates (the JavaFX thread) */
    ActivationViewModel(AppModel app, Executor worker, Executor fx) {
        this.app = app;
        this.worker = worker;
        this.fx = fx;
        app.events().subscribe(AppEvents.RunEnded.class, ended -> refreshRuns());
        refreshRuns();
    }

    public void refreshRuns() {
        List<RunRow> rows = app.training().store().list().stream().map(RunRow::of)
                .filter(row -> row.record() != null && row.record().bestEpoch() > 0).toList();
        runs.setAll(rows);
        if (run.get() == null && !rows.isEmpty()) {
            run.set(rows.get(0));
        }
    }

    /** The settings as the fields have them; bad values throw with the field's name. */
    public AscentSettings settings() {
        return new AscentSettings(steps.get(), start.get(), rule.get(), stepSize.get(), l2.get(), tv.get(),
                jitter.get(), rotation.get(), scale.get(), blurEvery.get(), AscentSettings.defaults().blurSigma(),
                clip.get(), seed.get(), AscentSettings.defaults().reportEvery());
    }

    /** A new ascent from the start image: every class at once for the logits, else the chosen unit. */
    public void start() {
        RunRow chosen = run.get();
        if (chosen == null) {
            status.set("No finished run: train one in the Training tab.");
            return;
        }
        if (running.get()) {
            return;
        }
        AscentSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        // "image" starts from the image selected in the Dataset tab
        atelier.ui.SelectedImage startFrom = app.selectedImageProperty().get();
        if (settings.start() == StartImage.IMAGE && startFrom == null) {
            status.set("Start: image starts from the image selected in the Dataset tab; select one there first.");
            return;
        }
        String layerName = LOGITS.equals(layer.get()) ? null : layer.get();
        int chosenUnit = unit.get();
        RunRow judgeRow = judge.get();
        LabelView view = app.dataset();
        begin("Opening " + chosen.name() + "…");
        worker.execute(() -> guarded(() -> {
            openStudy(chosen, view);
            InputGradient gradient = study.gradient(layerName);
            int[] units = gradient.layer().kind() == ProbedLayer.Kind.LOGITS ? study.allClasses()
                    : new int[] {chosenUnit};
            float[] chosenPixels = settings.start() == StartImage.IMAGE
                    ? study.image(startFrom.split(), startFrom.index()) : null;
            ascent = study.ascent(gradient, units, settings, chosenPixels);
            RunNetwork judgeNetwork = judgeRow != null && !judgeRow.folder().equals(chosen.folder())
                    ? study.judge(app.workspace(), judgeRow.folder().toString()) : null;
            runSteps(settings.steps(), judgeNetwork);
        }));
    }

    /** Takes the steps field's number of further steps on the current ascent. */
    public void continueAscent() {
        if (running.get() || ascent == null) {
            return;
        }
        int more = steps.get();
        RunRow judgeRow = judge.get();
        begin("Continuing…");
        worker.execute(() -> guarded(() -> {
            RunNetwork judgeNetwork = judgeRow != null && !judgeRow.folder().equals(study.run().folder())
                    ? study.judge(app.workspace(), judgeRow.folder().toString()) : null;
            runSteps(more, judgeNetwork);
        }));
    }

    /** Stops the ascent after its current step; Continue goes on from there. */
    public void stop() {
        stopRequested.set(true);
    }

    /** Asks the Diagnosis tab to show how the run gets class {@code classIndex} wrong. */
    public void showInDiagnosis(int classIndex) {
        RunRow chosen = run.get();
        if (chosen != null) {
            app.events().publish(new AppEvents.ClassRequested(chosen.folder(), classIndex));
        }
    }

    public void exportImage(Path file) {
        AscentState current = state.get();
        if (current == null) {
            return;
        }
        int index = Math.max(0, Math.min(current.size() - 1, shownIndex(current)));
        export("the image", () -> {
            long[] shape = study.network().inputShape();
            ActmaxImages.write(file, ActmaxImages.grey(current.images()[index], (int) shape[1], (int) shape[2],
                    study.scale(), 10));
        }, file);
    }

    public void exportGallery(Path file) {
        AscentState current = state.get();
        if (current != null) {
            export("the gallery", () -> study.writeGallery(current, file), file);
        }
    }

    public void exportCorrelation(Path file) {
        QualityStudy current = quality.get();
        if (current != null) {
            export("the figure", () -> CorrelationFigure.write(current, file), file);
        }
    }

    /** Which image of the batch the canvas shows: the chosen class, or the only image. */
    public int shownIndex(AscentState current) {
        if (current.size() == 1) {
            return 0;
        }
        int[] units = current.units();
        for (int i = 0; i < units.length; i++) {
            if (units[i] == shown.get()) {
                return i;
            }
        }
        return 0;
    }

    private void export(String what, Runnable write, Path file) {
        worker.execute(() -> {
            try {
                write.run();
                fx.execute(() -> status.set("Wrote " + what + " to " + file));
            } catch (RuntimeException e) {
                fx.execute(() -> app.reportFailure("Cannot write " + what, e));
            }
        });
    }

    private void begin(String message) {
        stopRequested.set(false);
        running.set(true);
        canContinue.set(false);
        status.set(message);
    }

    private void openStudy(RunRow chosen, LabelView view) {
        if (study != null && study.run().folder().equals(chosen.folder())) {
            return;
        }
        AnalyzedRun analyzed = view != null && chosen.trainedOn(view)
                ? AnalyzedRun.open(chosen.folder(), chosen.record(), view)
                : AnalyzedRun.open(app.workspace(), chosen.folder().toString(), atelier.task.Progress.NONE);
        study = ActivationStudy.of(app.workspace(), analyzed);
        List<String> names = study.classNames();
        List<String> choices = new java.util.ArrayList<>(study.layerNames());
        choices.remove(choices.size() - 1);
        choices.add(0, LOGITS);
        fx.execute(() -> {
            classNames.set(names);
            if (!layers.equals(choices)) {
                String previous = layer.get();
                layers.setAll(choices);
                layer.set(choices.contains(previous) ? previous : LOGITS);
            }
        });
    }

    /** On the worker: the steps, coalesced reports, then the quantized images scored and, for classes, the figure. */
    private void runSteps(int count, RunNetwork judgeNetwork) {
        long started = System.nanoTime();
        int total = ascent.step() + count;
        ascent.advance(count, stopRequested::get, report -> {
            long now = System.nanoTime();
            if (now - lastReport >= REPORT_INTERVAL_NANOS) {
                lastReport = now;
                publish(report, String.format(java.util.Locale.ROOT, "Step %d of %d", report.step(), total));
            }
        });
        AscentState finished = ascent.quantized();
        double seconds = (System.nanoTime() - started) / 1e9;
        publish(finished, String.format(java.util.Locale.ROOT, "%s at step %d (%.1f s for %d image%s)",
                stopRequested.get() ? "Stopped" : "Done", finished.step(), seconds, finished.size(),
                finished.size() == 1 ? "" : "s"));
        if (finished.size() >= 3 && ascent.network().layer().kind() == ProbedLayer.Kind.LOGITS) {
            fx.execute(() -> status.set(status.get() + "; measuring image quality…"));
            ConfusionMatrix matrix = study.confusion();
            QualityStudy measured = study.quality(finished, judgeNetwork);
            fx.execute(() -> {
                confusion.set(matrix);
                quality.set(measured);
                status.set(status.get().replace("; measuring image quality…", ""));
            });
        }
    }

    private void publish(AscentState report, String message) {
        List<List<Ascent.TracePoint>> curves = ascent.traces();
        fx.execute(() -> {
            state.set(report);
            traces.set(curves);
            status.set(message);
        });
    }

    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            fx.execute(() -> {
                status.set("Failed: " + e.getMessage());
                app.reportFailure("Activation maximization failed", e);
            });
        } finally {
            boolean resumable = ascent != null;
            fx.execute(() -> {
                running.set(false);
                canContinue.set(resumable);
            });
        }
    }

    public ObservableList<RunRow> runs() {
        return runs;
    }

    public ObjectProperty<RunRow> runProperty() {
        return run;
    }

    public ObjectProperty<RunRow> judgeProperty() {
        return judge;
    }

    public ObservableList<String> layers() {
        return layers;
    }

    public ObjectProperty<String> layerProperty() {
        return layer;
    }

    public IntegerProperty unitProperty() {
        return unit;
    }

    /** The class the canvas and curves show when the gallery's batch holds them all. */
    public IntegerProperty shownProperty() {
        return shown;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public ObjectProperty<StartImage> startProperty() {
        return start;
    }

    public ObjectProperty<StepRule> ruleProperty() {
        return rule;
    }

    public DoubleProperty stepSizeProperty() {
        return stepSize;
    }

    public DoubleProperty l2Property() {
        return l2;
    }

    public DoubleProperty tvProperty() {
        return tv;
    }

    public IntegerProperty jitterProperty() {
        return jitter;
    }

    public DoubleProperty rotationProperty() {
        return rotation;
    }

    public DoubleProperty scaleProperty() {
        return scale;
    }

    public IntegerProperty blurEveryProperty() {
        return blurEvery;
    }

    public BooleanProperty clipProperty() {
        return clip;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canContinueProperty() {
        return canContinue.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AscentState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<List<Ascent.TracePoint>>> tracesProperty() {
        return traces.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConfusionMatrix> confusionProperty() {
        return confusion.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<QualityStudy> qualityProperty() {
        return quality.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<String>> classNamesProperty() {
        return classNames.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The pixel scale of the open run (null before one is open); read on the FX thread after a report. */
    public atelier.analysis.actmax.PixelScale pixelScale() {
        ActivationStudy open = study;
        return open == null ? null : open.scale();
    }
}
