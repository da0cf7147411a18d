package atelier.ui.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.model.ArchitectureCatalog;
import atelier.model.ArchitectureSummary;
import atelier.model.BuiltModel;
import atelier.model.Checkpoints;
import atelier.model.InputShape;
import atelier.model.LayerSpec;
import atelier.model.ModelOptions;
import atelier.train.RunStore;
import atelier.train.TrainingRunTest;
import atelier.train.TrainingService;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import atelier.ui.BackgroundTasks;
import atelier.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tab's logic without a screen: builds run on the calling thread, so each call's effect can be read at once.
 * Networks are built here for real (mnist-net is small), as the tab builds them.
 */
class ArchitectureViewModelTest {
    @TempDir
    Path workspace;

    private TrainingService training;
    private AppModel app;
    private ArchitectureViewModel model;
    private final List<String> notices = new ArrayList<>();

    @BeforeEach
    void open() {
        training = new TrainingService(new RunStore(workspace.resolve("runs")), TrainingRunTest.SMALL_DENSE);
        app = new AppModel(new Workspace(workspace), new BackgroundTasks(), training);
        app.events().subscribe(AppEvents.Notice.class, notice -> notices.add(notice.message()));
        model = new ArchitectureViewModel(app, Runnable::run, Runnable::run, 0);
    }

    @AfterEach
    void close() {
        training.close();
        app.tasks().shutdown();
    }

    @Test
    void listsEveryArchitectureWithItsTotalForTheDefaultInput() {
        assertThat(model.inputProperty().get()).isEqualTo(InputShape.of(1, 28, 28));
        assertThat(model.classesProperty().get()).isEqualTo(10);
        assertThat(model.datasetHintProperty().get()).contains("No dataset open");
        assertThat(model.architectures()).extracting(ArchitectureEntry::name)
                .containsExactlyElementsOf(ArchitectureCatalog.names());
        assertThat(total("mnist-net")).isEqualTo(1_199_882);
        assertThat(total("mnist-net-bn")).isEqualTo(1_200_330);
        assertThat(total("encoder")).isEqualTo(108_594);
        assertThat(total("resnet")).isEqualTo(108_594);
        assertThat(total("custom")).isEqualTo(1_199_882);
        assertThat(summary("vgg16").fits()).isTrue();
    }

    @Test
    void theSelectionShowsTheTableReadFromTheBuiltNetwork() {
        model.selectedProperty().set("mnist-net");

        assertThat(model.tableBuiltProperty().get()).isTrue();
        assertThat(model.rows()).extracting(LayerTableRow::name)
                .containsExactly("conv1", "conv2", "pool1", "dropout1", "fc1", "dropout2", "output");
        assertThat(model.rows().get(0).type()).isEqualTo("Conv2D");
        assertThat(model.rows().get(0).shapeText()).isEqualTo("32×26×26");
        assertThat(model.totalsProperty().get()).isEqualTo("Total: 1,199,882 trainable · 0 non-trainable");
        assertThat(model.problems()).isEmpty();
        assertThat(model.notes()).anySatisfy(note -> assertThat(note).startsWith("Shapes: [1,28,28]"));
        assertThat(model.buildingProperty().get()).isFalse();
    }

    @Test
    void vgg16IsRefusedAt18x18WithTheReason() {
        model.inputTextProperty().set("18x18x1");

        assertThat(summary("vgg16").fits()).isFalse();
        assertThat(summary("vgg16").refusal()).contains("at least 32x32");
        assertThat(total("mnist-net")).isEqualTo(421_642);
        model.selectedProperty().set("vgg16");
        assertThat(model.problems()).singleElement().asString().contains("18 -> 9 -> 4 -> 2 -> 1");
        assertThat(model.rows()).anySatisfy(row -> assertThat(row.ok()).isFalse());
        assertThat(model.tableBuiltProperty().get()).isFalse();

        assertThat(model.useForTraining()).isFalse();
        assertThat(model.useFailedProperty().get()).isTrue();
        assertThat(model.useMessageProperty().get()).contains("at least 32x32");
        assertThat(app.architectureProperty().get()).isEqualTo("mnist-net");
    }

    @Test
    void vgg16ResizeChoiceChangesWhatTheNetworkSees() {
        model.selectedProperty().set("vgg16");
        assertThat(model.contextProperty().get()).contains("the network sees 32x32x1");
        assertThat(model.rows().get(0).name()).isEqualTo("resize");

        model.inputTextProperty().set("18x18x1");
        model.resizeProperty().set(atelier.model.Resize.TO_32);

        assertThat(summary("vgg16").fits()).isTrue();
        assertThat(model.problems()).isEmpty();
        assertThat(total("mnist-net")).isEqualTo(421_642);
    }

    @Test
    void aBadInputSizeIsReportedAndTheLastGoodOneKept() {
        model.inputTextProperty().set("18x18");

        assertThat(model.inputErrorProperty().get()).contains("must look like 28x28x1");
        assertThat(model.inputProperty().get()).isEqualTo(InputShape.of(1, 28, 28));
        assertThat(model.useForTraining()).isFalse();

        model.inputTextProperty().set("32x32x3");
        model.classesTextProperty().set("100");
        assertThat(model.inputErrorProperty().get()).isEmpty();
        assertThat(model.contextProperty().get()).isEqualTo("For 32x32x3 input and 100 classes.");
    }

    @Test
    void customRowsAreCheckedAsTheyAreEdited() {
        model.selectedProperty().set("custom");
        model.inputTextProperty().set("18x18x1");
        CustomLayer first = model.customLayers().get(0);
        assertThat(first.outputShapeProperty().get()).isEqualTo("32×16×16");
        assertThat(first.parametersProperty().get()).isEqualTo("320");

        first.kernelProperty().set("40");

        assertThat(first.errorProperty().get()).contains("a 40x40 kernel does not fit the 18x18 input");
        assertThat(model.customLayers().get(1).outputShapeProperty().get()).isEmpty();
        assertThat(model.customLayers().get(1).errorProperty().get()).isEmpty();
        assertThat(model.customOutputProperty().get().shapeKnown()).isFalse();
        assertThat(summary("custom").fits()).isFalse();
        assertThat(model.problems()).singleElement().asString().contains("conv1: a 40x40 kernel");

        first.kernelProperty().set("3x");
        assertThat(first.errorProperty().get()).isEqualTo("kernel: \"3x\" is not a whole number");
        assertThat(model.customTextProperty().get()).isEmpty();
        assertThat(summary("custom").refusal()).isEqualTo("custom: layer 1: kernel: \"3x\" is not a whole number");

        first.kernelProperty().set("3");
        assertThat(first.errorProperty().get()).isEmpty();
        assertThat(model.customTextProperty().get()).startsWith("conv 32 3x3 valid relu; conv 64 3x3 valid relu");
        assertThat(model.tableBuiltProperty().get()).isTrue();
        assertThat(model.customOutputProperty().get().outputShape()).containsExactly(10);
    }

    @Test
    void addingMovingAndRemovingLayersRechecksTheList() {
        model.selectedProperty().set("custom");
        int size = model.customLayers().size();

        model.addLayer(LayerKind.CONV);
        CustomLayer added = model.customLayers().get(size);
        assertThat(added.errorProperty().get()).contains("a convolution needs an image");

        model.moveUp(added);
        model.moveUp(added);
        model.moveUp(added);
        assertThat(model.customLayers().indexOf(added)).isEqualTo(size - 3);
        assertThat(added.errorProperty().get()).isEmpty();
        assertThat(added.nameProperty().get()).isEqualTo("conv3");

        model.moveDown(added);
        model.removeLayer(added);
        assertThat(model.customLayers()).hasSize(size);
        assertThat(summary("custom").trainable()).isEqualTo(1_199_882);

        added = CustomLayer.fresh(LayerKind.DENSE);
        model.customLayers().add(added);
        added.kindProperty().set(LayerKind.RESIDUAL);
        assertThat(added.activationProperty().get()).isEqualTo(atelier.model.Nonlinearity.NONE);
        assertThat(added.errorProperty().get()).contains("a residual block needs an image");

        model.resetCustom();
        assertThat(model.customTextProperty().get())
                .isEqualTo(atelier.model.LayerSpecText.format(ArchitectureCatalog.defaultCustomLayers()));
    }

    @Test
    void freezingShowsInTheFrozenColumnAndTotals() {
        model.selectedProperty().set("mnist-net");
        model.freezeProperty().set(true);

        // layers without parameters (pooling, dropout) have nothing to freeze
        assertThat(model.rows()).filteredOn(LayerTableRow::frozen).extracting(LayerTableRow::name)
                .containsExactly("conv1", "conv2", "fc1");
        assertThat(model.rows().get(model.rows().size() - 1).frozen()).isFalse();
        assertThat(model.totalsProperty().get())
                .isEqualTo("Total: 1,199,882 trainable (1,198,592 frozen, 1,290 learning) · 0 non-trainable");
    }

    @Test
    void aCheckpointIsCopiedIntoTheNetworkAndReported() throws Exception {
        BuiltModel earlier = ArchitectureCatalog.named("mnist-net").build(InputShape.of(1, 28, 28), 10,
                ModelOptions.defaults());
        Path file = workspace.resolve("runs/run-1/best.zip");
        Checkpoints.save(earlier, file);
        model.selectedProperty().set("mnist-net-bn");

        model.useCheckpoint(file);

        assertThat(model.initializationProperty().get()).isEqualTo(Initialization.CHECKPOINT);
        assertThat(model.transferTextProperty().get()).startsWith("copied 4 layers from best.zip")
                .contains("left 3 with fresh weights").contains("bn1");
        assertThat(model.initString()).isEqualTo("checkpoint:" + file.toAbsolutePath());

        Path broken = workspace.resolve("broken.zip");
        Files.writeString(broken, "not a model");
        model.useCheckpoint(broken);
        assertThat(model.transferErrorProperty().get()).contains("broken.zip").contains("Xavier uniform instead");
        assertThat(model.initializationProperty().get()).isEqualTo(Initialization.XAVIER);
        assertThat(model.initString()).isEqualTo("xavier");
    }

    @Test
    void useForTrainingHandsTheChoiceToTheTrainingTab() {
        model.selectedProperty().set("encoder");
        model.initializationProperty().set(Initialization.HE);
        model.freezeProperty().set(true);

        assertThat(model.useForTraining()).isTrue();

        assertThat(app.architectureProperty().get()).isEqualTo("encoder");
        assertThat(app.initProperty().get()).isEqualTo("he");
        assertThat(app.freezeAllButLastProperty().get()).isTrue();
        assertThat(app.resizeProperty().get()).isEqualTo(atelier.model.Resize.AUTO);
        assertThat(notices).singleElement().asString().contains("encoder").contains("He weights")
                .contains("frozen");
    }

    @Test
    void useForTrainingHandsOverTheCustomList() {
        model.selectedProperty().set("custom");
        model.customLayers().get(0).filtersProperty().set("8");

        assertThat(model.useForTraining()).isTrue();

        assertThat(app.architectureProperty().get()).isEqualTo("custom");
        List<LayerSpec> layers = app.customLayersProperty().get();
        assertThat(layers.get(0)).isEqualTo(new LayerSpec.Conv(8, 3, LayerSpec.Padding.VALID,
                atelier.model.Nonlinearity.RELU));
    }

    @Test
    void aBuildOvertakenByANewerRequestIsDropped() {
        List<Runnable> queued = new ArrayList<>();
        AtomicInteger delivered = new AtomicInteger();
        ArchitectureViewModel queuing = new ArchitectureViewModel(app, queued::add, task -> {
            delivered.incrementAndGet();
            task.run();
        }, 0);
        queuing.selectedProperty().set("encoder");
        queuing.selectedProperty().set("resnet");
        queuing.inputTextProperty().set("32x32x1");

        assertThat(queuing.buildingProperty().get()).isTrue();
        assertThat(queuing.totalsProperty().get()).startsWith("Total: ");
        new ArrayList<>(queued).forEach(Runnable::run);

        assertThat(delivered).hasValue(1);
        assertThat(queuing.buildingProperty().get()).isFalse();
        assertThat(queuing.descriptionProperty().get().name()).isEqualTo("resnet");
        assertThat(queuing.descriptionProperty().get().input()).isEqualTo(InputShape.of(1, 32, 32));
    }

    private ArchitectureSummary summary(String name) {
        return model.architectures().stream().filter(entry -> entry.name().equals(name)).findFirst()
                .orElseThrow().summary();
    }

    private long total(String name) {
        ArchitectureSummary summary = summary(name);
        assertThat(summary.fits()).as(name + " fits").isTrue();
        return summary.trainable();
    }
}
