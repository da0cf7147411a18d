package atelier.ui.architecture;

import atelier.data.Dataset;
import atelier.data.LabelView;
import atelier.model.Architecture;
import atelier.model.ArchitectureCatalog;
import atelier.model.ArchitectureDescription;
import atelier.model.ArchitectureSummary;
import atelier.model.BuiltModel;
import atelier.model.Checkpoints;
import atelier.model.ImageNetWeights;
import atelier.model.InputShape;
import atelier.model.LayerCheck;
import atelier.model.LayerSpec;
import atelier.model.LayerSpecText;
import atelier.model.ModelOptions;
import atelier.model.ParameterTable;
import atelier.model.Resize;
import atelier.model.StackCheck;
import atelier.model.TransferReport;
import atelier.model.Vgg16Architecture;
import atelier.model.WeightScheme;
import atelier.task.CancelledException;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import atelier.ui.ProgressTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * State of the Architecture tab. Everything the shape arithmetic can say (the list's totals, the custom editor's
 * shapes and errors, a first version of the layer table, the notes) is worked out on the FX thread as the user
 * types; building the network, which the table's DL4J types and frozen flags and a checkpoint's transfer report
 * need, runs on a thread of its own. Only the newest request is built: one that is overtaken while it waits is
 * dropped, and text edits wait a moment first, so typing never queues a build per keystroke.
 */
public final class ArchitectureViewModel {
    /** How long a text edit waits for the next keystroke before its network is built. */
    static final long EDIT_DELAY_MS = 350;
    static final InputShape DEFAULT_INPUT = InputShape.of(1, 28, 28);
    static final int DEFAULT_CLASSES = 10;
    private static final String VGG16 = Vgg16Architecture.NAME;
    private static final String CUSTOM = ArchitectureCatalog.CUSTOM;

    private final AppModel app;
    private final Executor builder;
    private final Executor fx;
    private final long editDelayMs;
    private final AtomicLong latestRequest = new AtomicLong();

    private final StringProperty inputText = new SimpleStringProperty(DEFAULT_INPUT.text());
    private final StringProperty classesText = new SimpleStringProperty(String.valueOf(DEFAULT_CLASSES));
    private final ReadOnlyStringWrapper inputError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<InputShape> input = new ReadOnlyObjectWrapper<>(DEFAULT_INPUT);
    private final ReadOnlyObjectWrapper<Integer> classes = new ReadOnlyObjectWrapper<>(DEFAULT_CLASSES);
    private final ReadOnlyStringWrapper datasetHint = new ReadOnlyStringWrapper("");

    private final ObservableList<ArchitectureEntry> architectures = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper customSelected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper vggSelected = new ReadOnlyBooleanWrapper(false);

    private final ObjectProperty<Initialization> initialization = new SimpleObjectProperty<>(Initialization.XAVIER);
    private final ReadOnlyObjectWrapper<Path> checkpoint = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper transferText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper transferError = new ReadOnlyStringWrapper("");
    private final BooleanProperty freeze = new SimpleBooleanProperty(false);
    private final ObjectProperty<Resize> resize = new SimpleObjectProperty<>(Resize.AUTO);
    private final ReadOnlyBooleanWrapper imageNetRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper imageNetText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper imageNetFailed = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper context = new ReadOnlyStringWrapper("");
    private final ObservableList<LayerTableRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("");
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper building = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper buildingText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper tableBuilt = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ArchitectureDescription> description = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper useMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper useFailed = new ReadOnlyBooleanWrapper(false);

    private final ObservableList<CustomLayer> customLayers =
            FXCollections.observableArrayList(CustomLayer::fields);
    private final ReadOnlyStringWrapper customText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper customTextError = new ReadOnlyStringWrapper("");
    private String usedArchitecture;
    private final ReadOnlyObjectWrapper<LayerCheck> customOutput = new ReadOnlyObjectWrapper<>();
    /** The custom list when every row reads as a layer, else null; kept in step by {@link #checkCustom}. */
    private List<LayerSpec> customSpecs;
    private String customProblem;

    public ArchitectureViewModel(AppModel app) {
        this(app, app.afterWindowShown(buildThread()), Platform::runLater, EDIT_DELAY_MS);
    }

    /**
     * @param builder     runs the network builds, one at a time
     * @param fx          hands their results back to the thread that owns this model's properties
     * @param editDelayMs how long a build after a text edit waits for the next edit
     */
    ArchitectureViewModel(AppModel app, Executor builder, Executor fx, long editDelayMs) {
        this.app = app;
        this.builder = builder;
        this.fx = fx;
        this.editDelayMs = editDelayMs;
        app.customLayersProperty().get().forEach(spec -> customLayers.add(CustomLayer.of(spec)));
        checkCustom();
        for (String name : ArchitectureCatalog.names()) {
            architectures.add(new ArchitectureEntry(summarize(name)));
        }
        String training = app.architectureProperty().get();
        selected.set(ArchitectureCatalog.names().contains(training) ? training : "mnist-net");

        // "The next run trains X" is only true until another tab chooses another architecture
        app.architectureProperty().addListener((obs, old, now) -> {
            if (!useFailed.get() && !useMessage.get().isEmpty() && !java.util.Objects.equals(now, usedArchitecture)) {
                useMessage.set("");
            }
        });
        inputText.addListener((obs, old, text) -> readInput());
        classesText.addListener((obs, old, text) -> readInput());
        resize.addListener((obs, old, now) -> {
            refreshList();
            if (vggSelected.get()) {
                showSelection(0);
            }
        });
        freeze.addListener((obs, old, now) -> showSelection(0));
        initialization.addListener((obs, old, now) -> {
            if ((old == Initialization.CHECKPOINT) != (now == Initialization.CHECKPOINT)) {
                showSelection(0);
            }
        });
        selected.addListener((obs, old, now) -> showSelection(0));
        customLayers.addListener((ListChangeListener<CustomLayer>) change -> customEdited());
        app.datasetProperty().addListener((obs, old, now) -> useDatasetSize());
        app.events().subscribe(AppEvents.CustomLayersRequested.class, request -> {
            customLayers.setAll(request.layers().stream().map(CustomLayer::of).toList());
            selected.set(ArchitectureCatalog.CUSTOM);
            app.events().publish(new AppEvents.Notice("The custom editor now holds " + request.origin()));
        });
        useDatasetSize();
        showSelection(0);
    }

    private static Executor buildThread() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "atelier-architecture-builder");
            thread.setDaemon(true);
            return thread;
        });
    }

    // ---- input size and class count

    /** Puts the current dataset's image size and class count in the fields, or 28x28x1 and 10 without one. */
    public void useDatasetSize() {
        LabelView view = app.dataset();
        if (view == null) {
            datasetHint.set("No dataset open: " + DEFAULT_INPUT.text() + " and " + DEFAULT_CLASSES
                    + " classes assumed.");
            inputText.set(DEFAULT_INPUT.text());
            classesText.set(String.valueOf(DEFAULT_CLASSES));
            return;
        }
        Dataset dataset = view.dataset();
        InputShape shape = datasetInput(dataset);
        datasetHint.set(dataset.name() + ": " + shape.text() + ", " + dataset.classCount() + " classes.");
        inputText.set(shape.text());
        classesText.set(String.valueOf(dataset.classCount()));
    }

    private static InputShape datasetInput(Dataset dataset) {
        return InputShape.of(dataset.channels(), dataset.height(), dataset.width());
    }

    private void readInput() {
        InputShape shape;
        int count;
        try {
            shape = InputShape.parse(inputText.get());
        } catch (IllegalArgumentException e) {
            inputError.set(e.getMessage());
            return;
        }
        try {
            count = Integer.parseInt(classesText.get() == null ? "" : classesText.get().trim());
        } catch (NumberFormatException e) {
            inputError.set("class count must be a whole number, got \"" + classesText.get() + "\"");
            return;
        }
        inputError.set("");
        if (shape.equals(input.get()) && count == classes.get()) {
            return;
        }
        input.set(shape);
        classes.set(count);
        checkCustom();
        refreshList();
        showSelection(editDelayMs);
    }

    // ---- the list

    private void refreshList() {
        for (ArchitectureEntry entry : architectures) {
            entry.update(summarize(entry.name()));
        }
    }

    /** What ArchitectureCatalog.list gives, for the custom list being edited and this tab's resize choice. */
    private ArchitectureSummary summarize(String name) {
        Architecture architecture = architecture(name);
        if (architecture == null) {
            return new ArchitectureSummary(name, ArchitectureCatalog.named(CUSTOM).title(), input.get(), 0, 0,
                    customProblem);
        }
        ModelOptions options = options(name);
        StackCheck check = architecture.check(input.get(), classes.get(), options);
        Optional<String> refusal = architecture.refusal(input.get(), classes.get(), options);
        return new ArchitectureSummary(name, architecture.title(),
                architecture.adapter(input.get(), options).output(), refusal.isEmpty() ? check.trainable() : 0,
                refusal.isEmpty() ? check.nonTrainable() : 0, refusal.orElse(null));
    }

    /** The catalogue's architecture, or the custom one of the rows being edited; null if a row does not parse. */
    private Architecture architecture(String name) {
        if (CUSTOM.equals(name)) {
            return customSpecs == null ? null : ArchitectureCatalog.custom(customSpecs);
        }
        return ArchitectureCatalog.named(name);
    }

    /** Resizing is VGG16's question only: any other network takes the images as they are. */
    private ModelOptions options(String name) {
        WeightScheme weights = initialization.get() == Initialization.HE ? WeightScheme.HE
                : WeightScheme.XAVIER_UNIFORM;
        return ModelOptions.defaults().withWeights(weights)
                .withResize(VGG16.equals(name) ? resize.get() : Resize.AUTO);
    }

    // ---- the selected architecture

    /**
     * Shows at once what the arithmetic says about the selection, then asks the builder for the real table.
     *
     * @param delayMs how long the build waits first, so that a burst of edits builds once
     */
    private void showSelection(long delayMs) {
        String name = selected.get();
        customSelected.set(CUSTOM.equals(name));
        vggSelected.set(VGG16.equals(name));
        long request = latestRequest.incrementAndGet();
        tableBuilt.set(false);
        description.set(null);
        if (name == null) {
            clearDescription();
            return;
        }
        Architecture architecture = architecture(name);
        if (architecture == null) {
            clearDescription();
            title.set(CUSTOM + " · " + ArchitectureCatalog.named(CUSTOM).title());
            context.set(contextText(input.get(), input.get()));
            problems.setAll(customProblem);
            totals.set("No totals until every layer reads as a layer.");
            return;
        }
        ModelOptions options = options(name);
        InputShape shape = input.get();
        int count = classes.get();
        StackCheck check = architecture.check(shape, count, options);
        Optional<String> refusal = architecture.refusal(shape, count, options);
        InputShape seen = architecture.adapter(shape, options).output();
        title.set(name + " · " + architecture.title());
        context.set(contextText(shape, seen));
        List<LayerTableRow> preview = new ArrayList<>();
        int last = check.layers().size() - 1;
        for (LayerCheck layer : check.layers()) {
            preview.add(LayerTableRow.of(layer, freeze.get() && layer.index() < last && refusal.isEmpty()));
        }
        rows.setAll(preview);
        notes.setAll(architecture.notes(shape, count, options));
        problems.setAll(refusal.map(List::of).orElse(List.of()));
        totals.set(refusal.isPresent() ? "No totals: the input does not fit." : totalsOf(preview));
        transferError.set("");
        boolean fromCheckpoint = initialization.get() == Initialization.CHECKPOINT && checkpoint.get() != null;
        transferText.set(fromCheckpoint && refusal.isEmpty() ? "Copying from " + checkpoint.get().getFileName()
                + "…" : "");
        if (refusal.isPresent()) {
            building.set(false);
            buildingText.set("");
            return;
        }
        ArchitectureDescriber.Request wanted = new ArchitectureDescriber.Request(architecture, shape, count, options,
                fromCheckpoint ? checkpoint.get() : null, freeze.get());
        building.set(true);
        buildingText.set("Building " + name + " for " + seen.text() + " to read its layers…");
        builder.execute(() -> {
            if (delayMs > 0 && !waitQuietly(delayMs)) {
                return;
            }
            if (latestRequest.get() != request) {
                return;
            }
            ArchitectureDescriber.Result result = ArchitectureDescriber.describe(wanted);
            fx.execute(() -> {
                if (latestRequest.get() == request) {
                    showBuilt(result);
                }
            });
        });
    }

    private static boolean waitQuietly(long delayMs) {
        try {
            TimeUnit.MILLISECONDS.sleep(delayMs);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void showBuilt(ArchitectureDescriber.Result result) {
        building.set(false);
        buildingText.set("");
        description.set(result.description());
        ParameterTable table = result.description().table();
        if (table != null) {
            rows.setAll(table.rows().stream().map(LayerTableRow::of).toList());
            totals.set(totalsOf(rows));
            tableBuilt.set(true);
        }
        if (result.buildError() != null) {
            problems.add(result.buildError());
        }
        if (result.transfer() != null) {
            transferText.set(result.transfer().summary() + ".");
        } else if (result.transferError() != null) {
            transferText.set("");
            // the switch to Xavier shows the selection afresh, which clears old messages: say why afterwards
            initialization.set(Initialization.XAVIER);
            transferError.set(result.transferError() + " The weights start Xavier uniform instead.");
        }
    }

    private void clearDescription() {
        rows.clear();
        notes.clear();
        problems.clear();
        totals.set("");
        title.set("");
        context.set("");
        transferText.set("");
        building.set(false);
        buildingText.set("");
    }

    private String contextText(InputShape shape, InputShape seen) {
        String text = "For " + shape.text() + " input and " + classes.get() + " classes";
        return seen.equals(shape) ? text + "." : text + "; the network sees " + seen.text()
                + " (images resized on the way in).";
    }

    /** Totals of the rows: all learnable values as PyTorch counts them, and how many of them training changes. */
    private static String totalsOf(List<LayerTableRow> rows) {
        long trainable = rows.stream().mapToLong(LayerTableRow::trainable).sum();
        long nonTrainable = rows.stream().mapToLong(LayerTableRow::nonTrainable).sum();
        long frozen = rows.stream().filter(LayerTableRow::frozen).mapToLong(LayerTableRow::trainable).sum();
        return "Total: " + ParameterCount.format(trainable) + " trainable"
                + (frozen > 0 ? " (" + ParameterCount.format(frozen) + " frozen, "
                + ParameterCount.format(trainable - frozen) + " learning)" : "")
                + " · " + ParameterCount.format(nonTrainable) + " non-trainable";
    }

    // ---- initialization

    /** Initialise from this saved network: the builder copies what fits and reports it. */
    public void useCheckpoint(Path file) {
        imageNetText.set("");
        imageNetFailed.set(false);
        boolean changed = !file.equals(checkpoint.get()) && initialization.get() == Initialization.CHECKPOINT;
        checkpoint.set(file);
        if (initialization.get() != Initialization.CHECKPOINT) {
            initialization.set(Initialization.CHECKPOINT);
        } else if (changed) {
            showSelection(0);
        }
    }

    /** Where the file chooser for checkpoints starts: the runs folder, where every run keeps best.zip. */
    public Path checkpointFolder() {
        return app.workspace().runs();
    }

    /**
     * Fetches VGG16's ImageNet weights through the zoo (a download of about half a gigabyte the first time) and
     * keeps them as a checkpoint in the workspace, which training then initialises from. Without a connection the
     * core's message is shown and the initialization stays as it was.
     */
    public void loadImageNetWeights() {
        if (!VGG16.equals(selected.get()) || imageNetRunning.get()) {
            return;
        }
        Architecture architecture = ArchitectureCatalog.named(VGG16);
        InputShape shape = input.get();
        int count = classes.get();
        ModelOptions options = options(VGG16);
        Optional<String> refusal = architecture.refusal(shape, count, options);
        if (refusal.isPresent()) {
            imageNetFailed.set(true);
            imageNetText.set(refusal.get());
            return;
        }
        InputShape seen = architecture.adapter(shape, options).output();
        Path file = app.workspace().root().resolve("checkpoints")
                .resolve("vgg16-imagenet-" + seen.text() + "-" + count + "-classes.zip");
        imageNetRunning.set(true);
        imageNetFailed.set(false);
        imageNetText.set("Fetching ImageNet weights…");
        ProgressTask<TransferReport> task = app.tasks().submit("ImageNet weights for VGG16", progress -> {
            progress.update("Building VGG16 for " + seen.text(), 0, 3);
            BuiltModel model = architecture.build(shape, count, options);
            progress.update("Fetching ImageNet weights (about 500 MB the first time)", 1, 3);
            TransferReport report = ImageNetWeights.apply(model);
            progress.update("Keeping them in " + file.getFileName(), 2, 3);
            Checkpoints.save(model, file);
            return report;
        });
        task.setOnSucceeded(e -> {
            imageNetRunning.set(false);
            TransferReport report = task.getValue();
            useCheckpoint(file);
            imageNetText.set("ImageNet weights kept in " + file.getFileName() + ": " + report.summary() + ".");
            app.events().publish(new AppEvents.Notice("VGG16 starts from ImageNet weights (" + report.copied().size()
                    + " layers copied)."));
        });
        task.setOnFailed(e -> imageNetFailed(task.getException()));
        task.setOnCancelled(e -> imageNetFailed(new CancelledException()));
    }

    private void imageNetFailed(Throwable error) {
        imageNetRunning.set(false);
        imageNetFailed.set(true);
        String message = error instanceof CancelledException ? "Fetching ImageNet weights was cancelled; the "
                + "weights start " + initialization.get() + "."
                : error.getMessage() == null ? error.toString() : error.getMessage();
        imageNetText.set(message);
        app.events().publish(new AppEvents.Notice(message));
    }

    // ---- the custom layer list

    public void addLayer(LayerKind kind) {
        customLayers.add(CustomLayer.fresh(kind));
    }

    public void removeLayer(CustomLayer layer) {
        customLayers.remove(layer);
    }

    public void moveUp(CustomLayer layer) {
        int index = customLayers.indexOf(layer);
        if (index > 0) {
            customLayers.remove(index);
            customLayers.add(index - 1, layer);
        }
    }

    public void moveDown(CustomLayer layer) {
        int index = customLayers.indexOf(layer);
        if (index >= 0 && index < customLayers.size() - 1) {
            customLayers.remove(index);
            customLayers.add(index + 1, layer);
        }
    }

    /** Starts the custom list again from mnist-net's layers. */
    public void resetCustom() {
        customLayers.setAll(ArchitectureCatalog.defaultCustomLayers().stream().map(CustomLayer::of).toList());
    }

    /**
     * Replaces the custom layers by a layer list in its text form (pasted, or typed in "As text"); on a line that
     * does not read as a layer, says which and keeps the layers as they were.
     */
    public boolean applyCustomText(String text) {
        List<LayerSpec> specs;
        try {
            specs = LayerSpecText.parse(text);
        } catch (IllegalArgumentException e) {
            customTextError.set(e.getMessage());
            return false;
        }
        if (specs.isEmpty()) {
            customTextError.set("No layers in the text: write them as `params` prints them, e.g. "
                    + "conv 32 3x3 relu; pool 2x2; dense 128 relu");
            return false;
        }
        customTextError.set("");
        customLayers.setAll(specs.stream().map(CustomLayer::of).toList());
        return true;
    }

    /** Why the text last given to {@link #applyCustomText} could not be read; empty when it could. */
    public ReadOnlyStringProperty customTextErrorProperty() {
        return customTextError.getReadOnlyProperty();
    }

    private void customEdited() {
        checkCustom();
        ArchitectureEntry entry = architectures.stream().filter(e -> CUSTOM.equals(e.name())).findFirst()
                .orElseThrow();
        entry.update(summarize(CUSTOM));
        if (customSelected.get()) {
            showSelection(editDelayMs);
        }
    }

    /**
     * Checks the custom rows: every row up to the first that does not read as a layer gets its shape, count and
     * error from the checker; that row gets its reading error; rows after it cannot be known.
     */
    private void checkCustom() {
        List<CustomLayer.Parsed> parsed = customLayers.stream().map(CustomLayer::parsed).toList();
        List<LayerSpec> specs = new ArrayList<>();
        int unreadable = -1;
        for (int i = 0; i < parsed.size(); i++) {
            if (!parsed.get(i).ok()) {
                unreadable = i;
                break;
            }
            specs.add(parsed.get(i).spec());
        }
        StackCheck check = ArchitectureCatalog.validate(specs, input.get(), classes.get());
        for (int i = 0; i < specs.size(); i++) {
            customLayers.get(i).show(check.layers().get(i));
        }
        if (unreadable < 0) {
            customSpecs = List.copyOf(specs);
            customProblem = null;
            customOutput.set(check.layers().get(specs.size()));
            customText.set(LayerSpecText.format(specs));
            return;
        }
        customSpecs = null;
        String rowName = "layer " + (unreadable + 1);
        customProblem = "custom: " + rowName + ": " + parsed.get(unreadable).error();
        customLayers.get(unreadable).showUnchecked(rowName, parsed.get(unreadable).error());
        for (int i = unreadable + 1; i < customLayers.size(); i++) {
            customLayers.get(i).showUnchecked("layer " + (i + 1), null);
        }
        customOutput.set(null);
        customText.set("");
    }

    // ---- handing the choice to training

    /**
     * Makes the selection the next run's architecture, with this initialization, freezing and resizing; refuses,
     * saying why, an architecture that cannot take the input or the dataset's images.
     */
    public boolean useForTraining() {
        String name = selected.get();
        Architecture architecture = name == null ? null : architecture(name);
        ModelOptions options = options(name);
        LabelView view = app.dataset();
        String refusal;
        if (name == null) {
            refusal = "Select an architecture first.";
        } else if (!inputError.get().isEmpty()) {
            refusal = inputError.get();
        } else if (architecture == null) {
            refusal = customProblem;
        } else {
            refusal = architecture.refusal(input.get(), classes.get(), options).orElse(null);
        }
        if (refusal == null && view != null) {
            InputShape actual = datasetInput(view.dataset());
            refusal = architecture.refusal(actual, view.dataset().classCount(), options)
                    .map(reason -> "Not for " + view.dataset().name() + ": " + reason).orElse(null);
        }
        if (refusal != null) {
            useFailed.set(true);
            useMessage.set(refusal);
            return false;
        }
        usedArchitecture = name;
        app.architectureProperty().set(name);
        app.initProperty().set(initString());
        app.freezeAllButLastProperty().set(freeze.get());
        app.resizeProperty().set(options.resize());
        if (CUSTOM.equals(name)) {
            app.customLayersProperty().set(customSpecs);
        }
        String how = initialization.get() == Initialization.CHECKPOINT
                ? "weights from " + checkpoint.get().getFileName() : initialization.get() + " weights";
        String message = "The next run trains " + name + " (" + how + (freeze.get() ? ", all but the last dense "
                + "layer frozen" : "") + (vggSelected.get() && resize.get() != Resize.AUTO ? ", images resized to "
                + resize.get().side() + "x" + resize.get().side() : "") + ").";
        if (view != null && !datasetInput(view.dataset()).equals(input.get())) {
            message += " The table is for " + input.get().text() + "; " + view.dataset().name() + " has "
                    + datasetInput(view.dataset()).text() + " images.";
        }
        useFailed.set(false);
        useMessage.set(message);
        app.events().publish(new AppEvents.Notice(message));
        return true;
    }

    /** RunSpec's form of the initialization. */
    String initString() {
        return switch (initialization.get()) {
            case XAVIER -> WeightScheme.XAVIER_UNIFORM.key();
            case HE -> WeightScheme.HE.key();
            case CHECKPOINT -> "checkpoint:" + checkpoint.get().toAbsolutePath();
        };
    }

    // ---- properties the view binds

    public StringProperty inputTextProperty() {
        return inputText;
    }

    public StringProperty classesTextProperty() {
        return classesText;
    }

    public ReadOnlyStringProperty inputErrorProperty() {
        return inputError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<InputShape> inputProperty() {
        return input.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Integer> classesProperty() {
        return classes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty datasetHintProperty() {
        return datasetHint.getReadOnlyProperty();
    }

    public ObservableList<ArchitectureEntry> architectures() {
        return architectures;
    }

    /** The selected architecture's name. */
    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty customSelectedProperty() {
        return customSelected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty vggSelectedProperty() {
        return vggSelected.getReadOnlyProperty();
    }

    public ObjectProperty<Initialization> initializationProperty() {
        return initialization;
    }

    public ReadOnlyObjectProperty<Path> checkpointProperty() {
        return checkpoint.getReadOnlyProperty();
    }

    /** What the checkpoint gave: which layers were copied and which kept fresh weights. */
    public ReadOnlyStringProperty transferTextProperty() {
        return transferText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty transferErrorProperty() {
        return transferError.getReadOnlyProperty();
    }

    public BooleanProperty freezeProperty() {
        return freeze;
    }

    /** VGG16's resizing: AUTO (32x32 for 28x28 data), TO_32 or TO_224. */
    public ObjectProperty<Resize> resizeProperty() {
        return resize;
    }

    public ReadOnlyBooleanProperty imageNetRunningProperty() {
        return imageNetRunning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty imageNetTextProperty() {
        return imageNetText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty imageNetFailedProperty() {
        return imageNetFailed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The input and class count the description is for, and the size the network sees. */
    public ReadOnlyStringProperty contextProperty() {
        return context.getReadOnlyProperty();
    }

    public ObservableList<LayerTableRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ObservableList<String> notes() {
        return notes;
    }

    /** Why the selection cannot be used as it is: the refusal, a custom row that does not read, a failed build. */
    public ObservableList<String> problems() {
        return problems;
    }

    public ReadOnlyBooleanProperty buildingProperty() {
        return building.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty buildingTextProperty() {
        return buildingText.getReadOnlyProperty();
    }

    /** Whether the rows are read from a built network (else from the arithmetic, while it builds). */
    public ReadOnlyBooleanProperty tableBuiltProperty() {
        return tableBuilt.getReadOnlyProperty();
    }

    /** The last description built for the selection, or null while it builds. */
    public ReadOnlyObjectProperty<ArchitectureDescription> descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty useMessageProperty() {
        return useMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty useFailedProperty() {
        return useFailed.getReadOnlyProperty();
    }

    public ObservableList<CustomLayer> customLayers() {
        return customLayers;
    }

    /** The custom list in the text form that `params --arch custom --layers` reads; empty while a row is unreadable. */
    public ReadOnlyStringProperty customTextProperty() {
        return customText.getReadOnlyProperty();
    }

    /** The check of the output layer that ends the custom list, or null while its input cannot be known. */
    public ReadOnlyObjectProperty<LayerCheck> customOutputProperty() {
        return customOutput.getReadOnlyProperty();
    }
}
