package atelier.ui.augmentation;

import atelier.augment.AugmentationPipeline;
import atelier.augment.AugmentationPreview;
import atelier.augment.PixelScale;
import atelier.augment.PreviewFigure;
import atelier.augment.TransformKind;
import atelier.augment.TransformSpec;
import atelier.data.Dataset;
import atelier.data.ImageSet;
import atelier.data.LabelView;
import atelier.data.Split;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import atelier.ui.SelectedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Augmentation tab: the sample (the image selected in the Dataset tab, or a random training image),
 * the pipeline being edited, the seed, and the two previews: each transform alone in several draws, and
 * {@value AugmentationPreview#GRID_DRAWS} draws of the whole pipeline. Previews are drawn on a thread of their own;
 * only the newest request is drawn (one overtaken while it waits is dropped), so dragging a slider never queues a
 * preview per step of the slider. The pipeline reaches the Training tab only through
 * {@link AppModel#augmentationProperty()}.
 */
public final class AugmentationViewModel {
    /** Draws of each transform alone in the per-transform preview. */
    public static final int DRAWS_PER_TRANSFORM = 6;
    /** Columns of the grid of draws of the whole pipeline. */
    public static final int GRID_COLUMNS = 8;
    /** Pixels per image pixel in exported figures. */
    static final int EXPORT_ZOOM = 4;
    static final String DEFAULT_PIPELINE = "flip:0.5,crop:4,rotate:10,erase:0.5";

    /** A drawn preview: the rows of both figures, and what the pixels mean. */
    public record Preview(List<AugmentationPreview.Row> perTransform, List<AugmentationPreview.Row> grid,
                          AugmentationPreview source, String pipelineText, long seed) {
    }

    private final AppModel app;
    private final Executor renderer;
    private final Executor fx;
    private final AtomicLong latestRequest = new AtomicLong();
    private final Map<ImageSet, PixelScale> scales = new WeakHashMap<>();
    private final Random randomSample = new Random();

    private final ObservableList<TransformSpec> steps = FXCollections.observableArrayList();
    private final IntegerProperty selectedStep = new SimpleIntegerProperty(-1);
    private final ReadOnlyIntegerWrapper structureRevision = new ReadOnlyIntegerWrapper();
    private final StringProperty seedText = new SimpleStringProperty("1");
    private final StringProperty pipelineText = new SimpleStringProperty(DEFAULT_PIPELINE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sampleTitle = new ReadOnlyStringWrapper("No dataset open");
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper previewsDrawn = new ReadOnlyIntegerWrapper();

    /** The sample's split and index; null when there is no dataset. */
    private SelectedImage sample;
    private boolean followSelection = true;

    public AugmentationViewModel(AppModel app) {
        this(app, renderThread(), Platform::runLater);
    }

    /**
     * @param renderer draws previews and writes exports, one at a time
     * @param fx       hands results back to the thread that owns this model's properties
     */
    AugmentationViewModel(AppModel app, Executor renderer, Executor fx) {
        this.app = app;
        this.renderer = renderer;
        this.fx = fx;
        steps.setAll(AugmentationPipeline.parse(DEFAULT_PIPELINE).steps());
        selectedStep.set(0);
        seedText.addListener((obs, old, text) -> refresh());
        app.datasetProperty().addListener((obs, old, view) -> {
            sample = null;
            chooseSample();
        });
        app.selectedImageProperty().addListener((obs, old, selected) -> {
            if (followSelection && selected != null) {
                sample = selected;
                refresh();
            }
        });
        chooseSample();
    }

    private static Executor renderThread() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "atelier-augmentation-preview");
            thread.setDaemon(true);
            return thread;
        });
    }

    // ---- what the view binds

    public ObservableList<TransformSpec> steps() {
        return steps;
    }

    public IntegerProperty selectedStepProperty() {
        return selectedStep;
    }

    /** Changes when steps are added, removed, reordered or replaced by typed text, not when a parameter moves. */
    public ReadOnlyIntegerProperty structureRevisionProperty() {
        return structureRevision.getReadOnlyProperty();
    }

    public StringProperty seedTextProperty() {
        return seedText;
    }

    /** The pipeline in its text form: follows every edit, and {@link #applyText()} reads it back. */
    public StringProperty pipelineTextProperty() {
        return pipelineText;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the last edit was refused (a value out of range, text that does not parse), or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sampleTitleProperty() {
        return sampleTitle.getReadOnlyProperty();
    }

    /** The newest drawn preview; null before the first. */
    public ReadOnlyObjectProperty<Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Counts previews delivered (tests wait on it). */
    public ReadOnlyIntegerProperty previewsDrawnProperty() {
        return previewsDrawn.getReadOnlyProperty();
    }

    public AugmentationPipeline pipeline() {
        return new AugmentationPipeline(List.copyOf(steps));
    }

    public static List<TransformKind> kinds() {
        return List.of(TransformKind.values());
    }

    // ---- editing the pipeline

    public void add(TransformKind kind) {
        int at = selectedStep.get() < 0 ? steps.size() : selectedStep.get() + 1;
        steps.add(at, TransformSpec.of(kind));
        structureChanged(at);
    }

    public void remove(int index) {
        if (index < 0 || index >= steps.size()) {
            return;
        }
        steps.remove(index);
        structureChanged(Math.min(index, steps.size() - 1));
    }

    /** Moves a step up (delta -1) or down (+1). */
    public void move(int index, int delta) {
        int to = index + delta;
        if (index < 0 || index >= steps.size() || to < 0 || to >= steps.size()) {
            return;
        }
        TransformSpec step = steps.remove(index);
        steps.add(to, step);
        structureChanged(to);
    }

    /** Sets one parameter of a step; a value out of range is refused with the parameter's range. */
    public boolean setParameter(int index, String parameter, double value) {
        if (index < 0 || index >= steps.size()) {
            return false;
        }
        try {
            TransformSpec changed = steps.get(index).with(parameter, value);
            if (!changed.equals(steps.get(index))) {
                steps.set(index, changed);
                pipelineText.set(pipeline().text());
                refresh();
            }
            error.set("");
            return true;
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    /** Replaces the pipeline by the typed text; text that does not parse is refused and the pipeline kept. */
    public boolean applyText() {
        try {
            AugmentationPipeline parsed = AugmentationPipeline.parse(pipelineText.get());
            steps.setAll(parsed.steps());
            structureChanged(steps.isEmpty() ? -1 : 0);
            return true;
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    private void structureChanged(int select) {
        selectedStep.set(select);
        pipelineText.set(pipeline().text());
        error.set("");
        structureRevision.set(structureRevision.get() + 1);
        refresh();
    }

    /** Makes this pipeline the Training tab's next run's augmentation. */
    public void useForTraining() {
        String text = pipeline().text();
        app.augmentationProperty().set(text);
        message.set("The Training tab's next run augments with " + text + ".");
        app.events().publish(new AppEvents.Notice("Augmentation for the next run: " + text));
    }

    // ---- the sample

    /** A random training image; the preview stops following the Dataset tab's selection until asked to. */
    public void randomSample() {
        LabelView view = app.dataset();
        if (view == null) {
            return;
        }
        followSelection = false;
        sample = new SelectedImage(Split.TRAIN, randomSample.nextInt(view.dataset().train().size()));
        refresh();
    }

    /** Previews the image selected in the Dataset tab (and follows that selection from now on). */
    public void useSelectedImage() {
        followSelection = true;
        chooseSample();
    }

    private void chooseSample() {
        LabelView view = app.dataset();
        if (view == null) {
            sample = null;
            sampleTitle.set("No dataset open");
            preview.set(null);
            return;
        }
        SelectedImage selected = app.selectedImageProperty().get();
        if (followSelection && selected != null && selected.index() < view.dataset().split(selected.split()).size()) {
            sample = selected;
        } else if (sample == null) {
            sample = new SelectedImage(Split.TRAIN, 0);
        }
        refresh();
    }

    // ---- previews

    /** Draws both previews for the current sample, pipeline and seed, on the render thread. */
    public void refresh() {
        LabelView view = app.dataset();
        Long seed = seed();
        if (view == null || sample == null || seed == null) {
            return;
        }
        Dataset dataset = view.dataset();
        ImageSet images = dataset.split(sample.split());
        int index = sample.index();
        sampleTitle.set(String.format("%s image %d (%s) of %s", sample.split() == Split.TRAIN ? "Training" : "Test",
                index, dataset.className(view.label(sample.split(), index)), dataset.name()));
        AugmentationPipeline pipeline = pipeline();
        long request = latestRequest.incrementAndGet();
        renderer.execute(() -> {
            if (request != latestRequest.get()) {
                return; // overtaken while it waited
            }
            AugmentationPreview source = AugmentationPreview.of(images, index, scaleOf(dataset.train()));
            Preview drawn = new Preview(source.perTransform(pipeline, DRAWS_PER_TRANSFORM, seed),
                    source.grid(pipeline, GRID_COLUMNS, seed), source, pipeline.text(), seed);
            fx.execute(() -> {
                if (request == latestRequest.get()) {
                    preview.set(drawn);
                    previewsDrawn.set(previewsDrawn.get() + 1);
                }
            });
        });
    }

    /** The training split's statistics, computed once per dataset (on the render thread). */
    private PixelScale scaleOf(ImageSet train) {
        synchronized (scales) {
            return scales.computeIfAbsent(train, AugmentationPreview::scaleOf);
        }
    }

    private Long seed() {
        try {
            long value = Long.parseLong(seedText.get().trim());
            error.set("");
            return value;
        } catch (NumberFormatException e) {
            error.set("seed: '" + seedText.get() + "' is not a whole number");
            return null;
        }
    }

    // ---- export

    /** Writes the per-transform figure as PNG (on the render thread); the message says where, or why not. */
    public void exportPerTransform(Path file) {
        export(file, true);
    }

    /** Writes the grid of draws as PNG. */
    public void exportGrid(Path file) {
        export(file, false);
    }

    private void export(Path file, boolean perTransform) {
        Preview shown = preview.get();
        if (shown == null) {
            error.set("Nothing to export yet: open a dataset first.");
            return;
        }
        List<AugmentationPreview.Row> rows = new ArrayList<>(perTransform ? shown.perTransform() : shown.grid());
        renderer.execute(() -> {
            String outcome;
            try {
                PreviewFigure.writePng(PreviewFigure.render(rows, shown.source().shape(), shown.source().scale(),
                        EXPORT_ZOOM), file);
                outcome = "Saved " + file.getFileName() + " (" + shown.pipelineText() + ", seed " + shown.seed()
                        + ")";
            } catch (RuntimeException e) {
                outcome = null;
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                fx.execute(() -> app.reportFailure("PNG not saved", new IllegalStateException(reason, e)));
            }
            String text = outcome;
            if (text != null) {
                fx.execute(() -> message.set(text));
            }
        });
    }
}
