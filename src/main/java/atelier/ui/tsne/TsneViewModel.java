package atelier.ui.tsne;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.tsne.LayerFeatures;
import atelier.analysis.tsne.MapFigure;
import atelier.analysis.tsne.TsneCache;
import atelier.analysis.tsne.TsneMap;
import atelier.analysis.tsne.TsneParameters;
import atelier.analysis.tsne.TsneStudy;
import atelier.data.AtomicFiles;
import atelier.data.LabelEdit;
import atelier.data.LabelView;
import atelier.data.Split;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import atelier.ui.DatasetChoice;
import atelier.ui.ProgressTask;
import atelier.ui.ThumbnailCache;
import atelier.ui.training.RunRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.scene.image.Image;

/**
 * State of the t-SNE tab. Parameters are set first; {@link #compute()} opens the run's cached map or makes one in
 * the background, and while it optimizes the map reaches the screen at most {@value #FRAMES_PER_SECOND} times a
 * second through the injected FX executor. Selections (lasso or rectangle, in map coordinates) become label-journal
 * edits through the app model, with undo.
 */
public final class TsneViewModel {
    static final int FRAMES_PER_SECOND = 5;

    /** The points of the current map: who they are and where they are now. */
    public record Points(Split split, int[] indices, int[] predicted, float[] map) {
        public int size() {
            return indices.length;
        }
    }

    private final AppModel app;
    private final Executor fxThread;
    private final ThumbnailCache thumbnails = new ThumbnailCache();
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRow> run = new SimpleObjectProperty<>();
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final ObjectProperty<String> layer = new SimpleObjectProperty<>();
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(Split.TRAIN);
    private final IntegerProperty limit = new SimpleIntegerProperty(0);
    private final DoubleProperty perplexity = new SimpleDoubleProperty(30);
    private final IntegerProperty iterations = new SimpleIntegerProperty(750);
    private final DoubleProperty exaggeration = new SimpleDoubleProperty(12);
    private final LongProperty seed = new SimpleLongProperty(1);
    private final ReadOnlyObjectWrapper<Points> points = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TsneMap> finished = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<int[]> labels = new ReadOnlyObjectWrapper<>(new int[0]);
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a run, set the parameters, "
            + "and press Compute.");
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper("");
    private final ObservableSet<Integer> hiddenClasses = FXCollections.observableSet();
    private final ObservableList<Integer> selection = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper hovered = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private final AtomicReference<float[]> pendingFrame = new AtomicReference<>();
    private volatile long lastFrameNanos;
    private ProgressTask<TsneMap> task;
    private AnalyzedRun opened;

    /** @param fxThread runs UI updates: {@code Platform::runLater} in the app, the calling thread in tests */
    public TsneViewModel(AppModel app, Executor fxThread) {
        this.app = app;
        this.fxThread = fxThread;
        app.events().subscribe(AppEvents.LabelsChanged.class, changed -> refreshLabels());
        app.events().subscribe(AppEvents.RunEnded.class, ended -> refreshRuns());
        refreshRuns();
    }

    public ObservableList<RunRow> runs() { return runs; }
    public ObjectProperty<RunRow> runProperty() { return run; }
    public ObservableList<String> layers() { return layers; }
    public ObjectProperty<String> layerProperty() { return layer; }
    public ObjectProperty<Split> splitProperty() { return split; }
    /** Images to map, a random subset fixed by the seed; 0 for all. */
    public IntegerProperty limitProperty() { return limit; }
    public DoubleProperty perplexityProperty() { return perplexity; }
    public IntegerProperty iterationsProperty() { return iterations; }
    public DoubleProperty exaggerationProperty() { return exaggeration; }
    public LongProperty seedProperty() { return seed; }
    /** The map on screen: live while optimizing, final after. */
    public ReadOnlyObjectProperty<Points> pointsProperty() { return points.getReadOnlyProperty(); }
    /** The finished map with its scores, or null while none is. */
    public ReadOnlyObjectProperty<TsneMap> finishedProperty() { return finished.getReadOnlyProperty(); }
    /** Each point's label as the journal has it now. */
    public ReadOnlyObjectProperty<int[]> labelsProperty() { return labels.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty computingProperty() { return computing.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The answer to sheet 1's "how good are the fc1 features": 10-NN accuracies and trustworthiness. */
    public ReadOnlyStringProperty readoutProperty() { return readout.getReadOnlyProperty(); }
    public ObservableSet<Integer> hiddenClasses() { return hiddenClasses; }
    /** Points (positions in the map) inside the last lasso or rectangle, or the listed disagreeing ones. */
    public ObservableList<Integer> selection() { return selection; }
    public ReadOnlyIntegerProperty hoveredProperty() { return hovered.getReadOnlyProperty(); }
    /** Bumped when labels or exclusions change, so that cells redraw. */
    public ReadOnlyIntegerProperty revisionProperty() { return revision.getReadOnlyProperty(); }
    public AppModel app() { return app; }

    public void refreshRuns() {
        List<RunRow> rows = app.training().store().list().stream().map(RunRow::of)
                .filter(row -> row.record() != null && row.record().bestEpoch() > 0).toList();
        runs.setAll(rows);
        if ((run.get() == null || !rows.contains(run.get())) && !rows.isEmpty()) {
            run.set(rows.get(0));
        }
    }

    public TsneParameters parameters() {
        return TsneParameters.defaults().withPerplexity(perplexity.get()).withIterations(iterations.get())
                .withExaggeration(exaggeration.get()).withSeed(seed.get());
    }

    /** Opens the cached map for these settings or computes it; null when nothing can start. */
    public ProgressTask<TsneMap> compute() {
        RunRow chosen = run.get();
        if (chosen == null) {
            status.set("No finished run: train one in the Training tab first.");
            return null;
        }
        if (computing.get()) {
            return task;
        }
        TsneParameters parameters;
        try {
            parameters = parameters();
            if (limit.get() < 0) {
                throw new IllegalArgumentException("the number of images must be 0 (all) or more, got " + limit.get());
            }
        } catch (IllegalArgumentException e) {
            status.set("Cannot compute: " + e.getMessage());
            return null;
        }
        LabelView current = app.dataset();
        if (current == null || !chosen.trainedOn(current)) {
            status.set("Opening " + chosen.record().spec().dataset() + " for " + chosen.name() + "…");
            ProgressTask<LabelView> loading = app.loadDataset(datasetChoice(chosen.record().spec().dataset()));
            loading.setOnSucceeded(e -> start(chosen, loading.getValue(), parameters));
            return null;
        }
        return start(chosen, current, parameters);
    }

    private ProgressTask<TsneMap> start(RunRow chosen, LabelView view, TsneParameters parameters) {
        Split chosenSplit = split.get();
        String chosenLayer = layer.get();
        int chosenLimit = limit.get();
        computing.set(true);
        finished.set(null);
        selection.clear();
        status.set("Mapping " + chosen.name() + "…");
        task = app.tasks().submit("t-SNE of " + chosen.name(), progress -> {
            AnalyzedRun analyzed = AnalyzedRun.open(chosen.folder(), chosen.record(), view);
            List<String> dense = LayerFeatures.denseLayers(analyzed);
            String name = chosenLayer != null && dense.contains(chosenLayer) ? chosenLayer
                    : LayerFeatures.defaultLayer(analyzed);
            fxThread.execute(() -> {
                opened = analyzed;
                layers.setAll(dense);
                layer.set(name);
            });
            TsneMap cached = TsneCache.load(chosen.folder(), name, chosenSplit, chosenLimit, parameters);
            if (cached != null) {
                return cached;
            }
            LayerFeatures.Extracted features = LayerFeatures.extract(analyzed, name, chosenSplit, chosenLimit,
                    parameters.seed(), progress);
            fxThread.execute(() -> showPoints(new Points(chosenSplit, features.indices(), features.predicted(),
                    new float[2 * features.size()])));
            TsneMap map = TsneStudy.compute(features, parameters, progress, (done, total, coordinates) ->
                    offerFrame(coordinates, done == total));
            TsneCache.save(chosen.folder(), chosenLimit, parameters, map);
            return map;
        });
        long started = System.nanoTime();
        task.setOnSucceeded(e -> finish(task.getValue(), (System.nanoTime() - started) / 1e9));
        task.setOnCancelled(e -> {
            computing.set(false);
            status.set("Cancelled; the map shows the last step reached.");
        });
        task.setOnFailed(e -> {
            computing.set(false);
            status.set("t-SNE failed: " + task.getException().getMessage());
            app.reportFailure("Cannot map " + chosen.name(), task.getException());
        });
        return task;
    }

    /** Called on the optimizing thread: keeps only the newest frame and posts at most a few a second. */
    void offerFrame(float[] coordinates, boolean last) {
        long now = System.nanoTime();
        if (!last && now - lastFrameNanos < 1_000_000_000L / FRAMES_PER_SECOND) {
            return;
        }
        lastFrameNanos = now;
        if (pendingFrame.getAndSet(coordinates) == null) {
            fxThread.execute(() -> {
                float[] frame = pendingFrame.getAndSet(null);
                Points shown = points.get();
                if (frame != null && shown != null && frame.length == shown.map().length) {
                    points.set(new Points(shown.split(), shown.indices(), shown.predicted(), frame));
                }
            });
        }
    }

    /** {@link #offerFrame} for tests in other packages. */
    public void offerFrameForTest(float[] coordinates, boolean last) {
        offerFrame(coordinates, last);
    }

    public void cancel() {
        if (task != null && task.isRunning()) {
            task.cancel(true);
        }
    }

    private void finish(TsneMap map, double seconds) {
        computing.set(false);
        showPoints(new Points(map.split(), map.indices(), map.predicted(), map.map()));
        TsneMap.Summary s = map.summary();
        readout.set(String.format("10-NN class accuracy of the %s features: %.2f%% · in the 2-D map: %.2f%% · "
                        + "trustworthiness@10: %.3f (%,d points) · KL divergence %.3f", map.layer(),
                100 * s.featureKnnAccuracy(), 100 * s.mapKnnAccuracy(), s.trustworthiness(),
                s.trustworthinessSample(), s.klDivergence()));
        boolean reopened = seconds < s.totalSeconds() / 2;
        status.set(String.format("%s%,d points of %s (%d values each), computed in %.1f s: features %.1f, "
                        + "neighbours %.1f, optimization %.1f s.", reopened ? "Opened from the run's folder: " : "",
                s.points(), map.layer(), s.dims(), s.totalSeconds(), s.featuresSeconds(),
                s.neighborsSeconds() + s.affinitiesSeconds(), s.optimizationSeconds()));
        // last, so that whoever waits for the map finds its readout and status already there
        finished.set(map);
    }

    private void showPoints(Points shown) {
        points.set(shown);
        refreshLabels();
    }

    private void refreshLabels() {
        Points shown = points.get();
        LabelView view = app.dataset();
        if (shown == null || view == null) {
            return;
        }
        int[] current = new int[shown.size()];
        for (int i = 0; i < current.length; i++) {
            current[i] = view.label(shown.split(), shown.indices()[i]);
        }
        labels.set(current);
        revision.set(revision.get() + 1);
    }

    public void toggleClass(int label) {
        if (!hiddenClasses.remove(label)) {
            hiddenClasses.add(label);
        }
    }

    public boolean isShown(int point) {
        int[] current = labels.get();
        return point < current.length && !hiddenClasses.contains(current[point]);
    }

    /** Selects the shown points inside the polygon (map coordinates). */
    public void selectPolygon(double[] xs, double[] ys) {
        Points shown = points.get();
        if (shown == null || xs.length < 3) {
            selection.clear();
            return;
        }
        List<Integer> inside = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            if (isShown(i) && Lasso.contains(xs, ys, shown.map()[2 * i], shown.map()[2 * i + 1])) {
                inside.add(i);
            }
        }
        selection.setAll(inside);
        status.set(String.format("%,d images selected: 0–9 relabels them, Delete excludes them, Ctrl+Z undoes.",
                inside.size()));
    }

    public void selectRectangle(double x0, double y0, double x1, double y1) {
        selectPolygon(new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1});
    }

    /** Selects the points whose label most of their 10 feature-space neighbours contradict. */
    public void selectDisagreeing() {
        TsneMap map = finished.get();
        if (map == null) {
            status.set("Compute a map first.");
            return;
        }
        int[] found = map.disagreeing(labels.get());
        selection.setAll(java.util.Arrays.stream(found).boxed().toList());
        status.set(String.format("%,d images whose label most of their 10 nearest neighbours (fc1 space) do not "
                + "share: likely mislabelled, or unusual.", found.length));
    }

    public void hover(int point) {
        hovered.set(point);
    }

    /** The hovered point described: index, label now, the checkpoint's prediction. */
    public String describe(int point) {
        Points shown = points.get();
        LabelView view = app.dataset();
        if (shown == null || view == null || point < 0 || point >= shown.size()) {
            return "";
        }
        int index = shown.indices()[point];
        String state = view.isExcluded(shown.split(), index) ? " · excluded"
                : view.isRelabelled(shown.split(), index) ? " · relabelled" : "";
        return String.format("%s image %,d · label %s · predicted %s%s", shown.split().key(), index,
                view.dataset().className(labels.get()[point]), view.dataset().className(shown.predicted()[point]),
                state);
    }

    public Image thumbnail(int point) {
        Points shown = points.get();
        LabelView view = app.dataset();
        if (shown == null || view == null || point < 0 || point >= shown.size()) {
            return null;
        }
        return thumbnails.get(view.dataset().split(shown.split()), shown.split(), shown.indices()[point]);
    }

    public boolean isExcluded(int point) {
        Points shown = points.get();
        return shown != null && app.dataset() != null && app.dataset().isExcluded(shown.split(), shown.indices()[point]);
    }

    public boolean isRelabelled(int point) {
        Points shown = points.get();
        return shown != null && app.dataset() != null
                && app.dataset().isRelabelled(shown.split(), shown.indices()[point]);
    }

    public List<String> classes() {
        return app.dataset() == null ? List.of() : app.dataset().dataset().classes();
    }

    public CompletableFuture<LabelEdit> relabelSelection(int label) {
        return editSelection(view -> label >= 0 && label < view.dataset().classCount(),
                (view, split, index) -> view.relabel(split, index, label));
    }

    public CompletableFuture<LabelEdit> excludeSelection() {
        return editSelection(view -> true, (view, split, index) -> view.exclude(split, index));
    }

    private interface Edit {
        LabelEdit apply(LabelView view, Split split, int index);
    }

    /** One journal entry per image, written in order on the journal thread. */
    private CompletableFuture<LabelEdit> editSelection(java.util.function.Predicate<LabelView> valid, Edit edit) {
        LabelView view = app.dataset();
        Points shown = points.get();
        if (view == null || shown == null || selection.isEmpty() || !valid.test(view)) {
            return CompletableFuture.completedFuture(null);
        }
        List<Integer> chosen = List.copyOf(selection);
        CompletableFuture<LabelEdit> last = CompletableFuture.completedFuture(null);
        for (int point : chosen) {
            last = app.editLabels(view, v -> edit.apply(v, shown.split(), shown.indices()[point]));
        }
        return last;
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

    /** The finished map as a print figure (legend, axes, caption), with the classes hidden now left out. */
    public void exportPng(Path file) {
        TsneMap map = finished.get();
        if (map == null) {
            throw new IllegalStateException("there is no finished map to export");
        }
        List<String> names = classes();
        boolean[] visible = new boolean[names.size()];
        for (int c = 0; c < visible.length; c++) {
            visible[c] = !hiddenClasses.contains(c);
        }
        String title = (opened != null ? opened.record().spec().architecture() + " " : "") + map.layer() + " · "
                + (opened != null ? opened.dataset().name() + " " : "") + map.split().key();
        MapFigure.writePng(MapFigure.render(map, labels.get(), names, visible, title, 3200, 2400), file);
    }

    public void exportCsv(Path file) {
        TsneMap map = finished.get();
        if (map == null) {
            throw new IllegalStateException("there is no finished map to export");
        }
        StringBuilder text = new StringBuilder("index,x,y,label,predicted\n");
        int[] current = labels.get();
        for (int i = 0; i < map.size(); i++) {
            text.append(map.indices()[i]).append(',').append(map.map()[2 * i]).append(',')
                    .append(map.map()[2 * i + 1]).append(',').append(current[i]).append(',')
                    .append(map.predicted()[i]).append('\n');
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static DatasetChoice datasetChoice(String spec) {
        return switch (spec) {
            case "fashion", "fashion-mnist" -> DatasetChoice.FASHION_MNIST;
            case "mnist" -> DatasetChoice.MNIST;
            default -> DatasetChoice.folder(Path.of(spec));
        };
    }
}
