package atelier.ui;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelEdit;
import atelier.data.LabelView;
import atelier.model.ArchitectureCatalog;
import atelier.model.LayerSpec;
import atelier.model.Resize;
import atelier.task.CancelledException;
import atelier.train.TrainingService;
import atelier.workspace.Workspace;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.concurrent.WorkerStateEvent;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State shared by all tabs: the workspace, the current dataset with its label journal, the background tasks and
 * the event bus. Tabs read it and call its actions; they never talk to each other.
 */
public final class AppModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AppModel.class);
    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final EventBus events = new EventBus();
    private final ReadOnlyObjectWrapper<LabelView> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<DatasetChoice> datasetChoice = new ReadOnlyObjectWrapper<>();
    private final StringProperty architecture = new SimpleStringProperty("mnist-net");
    private final StringProperty init = new SimpleStringProperty("xavier");
    private final BooleanProperty freezeAllButLast = new SimpleBooleanProperty(false);
    private final ObjectProperty<Resize> resize = new SimpleObjectProperty<>(Resize.AUTO);
    private final ObjectProperty<List<LayerSpec>> customLayers =
            new SimpleObjectProperty<>(ArchitectureCatalog.defaultCustomLayers());
    private final StringProperty augmentation = new SimpleStringProperty("none");
    private final ObjectProperty<SelectedImage> selectedImage = new SimpleObjectProperty<>();
    private final TrainingService training;
    private final ExecutorService journalWriter = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "atelier-label-journal");
        thread.setDaemon(true);
        return thread;
    });

    private final List<Runnable> heldBack = new java.util.ArrayList<>();
    private boolean holding;

    public AppModel(Workspace workspace, BackgroundTasks tasks, TrainingService training) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.training = training;
    }

    /**
     * Holds back background work that can wait (network builds that load ND4J) until {@link #windowShown}: on two
     * cores the window and the dataset's first thumbnails otherwise share them with it.
     */
    public synchronized void holdBackgroundWorkUntilShown() {
        holding = true;
    }

    /** The window is up: the work held back starts, in the order it was asked for. */
    public void windowShown() {
        List<Runnable> release;
        synchronized (this) {
            holding = false;
            release = List.copyOf(heldBack);
            heldBack.clear();
        }
        release.forEach(Runnable::run);
    }

    /** {@code executor}, except that while work is held back its tasks wait for {@link #windowShown}. */
    public java.util.concurrent.Executor afterWindowShown(java.util.concurrent.Executor executor) {
        return task -> {
            synchronized (this) {
                if (holding) {
                    heldBack.add(() -> executor.execute(task));
                    return;
                }
            }
            executor.execute(task);
        };
    }

    /** The one training service: runs queue here whichever tab starts them. */
    public TrainingService training() {
        return training;
    }

    /** The architecture the next run trains; the Architecture tab's "use for training" sets it. */
    public StringProperty architectureProperty() {
        return architecture;
    }

    /**
     * Another architecture for the next run, chosen without the Architecture tab (the Training tab's box): the
     * settings that belonged to the one before (VGG16's resize, a checkpoint of another network, a custom layer
     * list's freezing) go back to their defaults, since they would not fit the new one.
     */
    public void chooseArchitecture(String name) {
        if (name == null || name.equals(architecture.get())) {
            return;
        }
        architecture.set(name);
        resize.set(Resize.AUTO);
        init.set("xavier");
        freezeAllButLast.set(false);
    }

    /** How the next run's weights start, in RunSpec's form: xavier, he, or checkpoint:PATH. */
    public StringProperty initProperty() {
        return init;
    }

    /** Whether the next run trains only the last dense layer (finetuning), as the Architecture tab chose. */
    public BooleanProperty freezeAllButLastProperty() {
        return freezeAllButLast;
    }

    /** How the next run resizes its images on the way in (VGG16: 32x32 or 224x224). */
    public ObjectProperty<Resize> resizeProperty() {
        return resize;
    }

    /** The layer list the next run trains when the architecture is "custom". */
    public ObjectProperty<List<LayerSpec>> customLayersProperty() {
        return customLayers;
    }

    /** The augmentation pipeline of the next run, in its text form; the Augmentation tab's "use for training" sets it. */
    public StringProperty augmentationProperty() {
        return augmentation;
    }

    /** The image selected in the Dataset tab, or null; the Augmentation tab previews it. */
    public ObjectProperty<SelectedImage> selectedImageProperty() {
        return selectedImage;
    }

    public Workspace workspace() {
        return workspace;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public EventBus events() {
        return events;
    }

    public ReadOnlyObjectProperty<LabelView> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public LabelView dataset() {
        return dataset.get();
    }

    public ReadOnlyObjectProperty<DatasetChoice> datasetChoiceProperty() {
        return datasetChoice.getReadOnlyProperty();
    }

    /** Loads in the background; the current dataset stays until the new one is ready. */
    public ProgressTask<LabelView> loadDataset(DatasetChoice choice) {
        ProgressTask<LabelView> task = tasks.submit("Loading " + choice.label(), progress -> {
            long start = System.nanoTime();
            Dataset loaded = DatasetLoader.load(choice.spec(), progress);
            long read = System.nanoTime();
            LabelView view = new LabelView(loaded, workspace.openJournal(loaded));
            LOG.info("{}: read in {} ms, label journal opened in {} ms", choice.label(), (read - start) / 1_000_000,
                    (System.nanoTime() - read) / 1_000_000);
            return view;
        });
        // handlers, not setOnSucceeded: callers may set their own to act once the dataset is current
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            datasetChoice.set(choice);
            dataset.set(task.getValue());
            events.publish(new AppEvents.DatasetOpened(task.getValue()));
        });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED,
                e -> reportFailure("Cannot open " + choice.label(), task.getException()));
        return task;
    }

    /**
     * Runs a label edit (relabel, exclude, undo…) of the dataset open now on the journal thread, since every edit
     * is forced to disk; then, on the FX thread, tells every tab through {@link AppEvents.LabelsChanged} and
     * completes the future. A null edit (nothing to undo) completes with null and tells no one. The edit is bound to
     * the dataset open when it was asked for: a dataset opened while it waits in the queue does not receive it.
     */
    public CompletableFuture<LabelEdit> editLabels(Function<LabelView, LabelEdit> edit) {
        LabelView view = dataset();
        if (view == null) {
            return CompletableFuture.completedFuture(null);
        }
        return editLabels(view, edit);
    }

    /** The same, on a given dataset. */
    public CompletableFuture<LabelEdit> editLabels(LabelView view, Function<LabelView, LabelEdit> edit) {
        CompletableFuture<LabelEdit> done = new CompletableFuture<>();
        journalWriter.execute(() -> {
            try {
                LabelEdit result = edit.apply(view);
                Platform.runLater(() -> {
                    if (result != null) {
                        events.publish(new AppEvents.LabelsChanged(result));
                    }
                    done.complete(result);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    reportFailure("The label edit was not saved", e);
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    /**
     * Writes the label edits still queued (each forced to disk) before the app closes; waits at most
     * {@code seconds}, and says in the log when some could not be written in that time.
     */
    public void close(long seconds) {
        journalWriter.shutdown();
        try {
            if (!journalWriter.awaitTermination(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("label edits still queued after {} s at close: not saved", seconds);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void reportFailure(String title, Throwable error) {
        if (error instanceof CancelledException) {
            events.publish(new AppEvents.Notice(title + ": cancelled"));
            return;
        }
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        events.publish(new AppEvents.Failure(title, message));
    }
}
