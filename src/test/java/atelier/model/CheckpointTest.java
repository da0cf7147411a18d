package atelier.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Initialising from the checkpoint of an earlier run: what fits is copied, the rest is reported. */
class CheckpointTest {
    private static final InputShape MNIST = InputShape.of(1, 28, 28);
    private static final ModelOptions OPTIONS = ModelOptions.defaults().withUpdater(new Sgd(0.1));

    @TempDir
    Path folder;

    @Test
    void roundTripCopiesEveryLayer() {
        BuiltModel earlier = trainedOneStep("mnist-net", 10, 1);
        Path file = folder.resolve("run-1.zip");
        Checkpoints.save(earlier, file);

        BuiltModel next = ArchitectureCatalog.named("mnist-net").build(MNIST, 10, OPTIONS.withSeed(2));
        assertThat(next.network().params()).isNotEqualTo(earlier.network().params());
        TransferReport report = Checkpoints.initialiseFrom(next, file);

        assertThat(report.matching()).isEqualTo(TransferReport.Matching.BY_NAME);
        assertThat(report.copiedLayers()).containsExactly("conv1", "conv2", "fc1", "output");
        assertThat(report.left()).isEmpty();
        assertThat(next.network().params().sub(earlier.network().params()).amaxNumber().doubleValue()).isZero();
        RandomBatch batch = RandomBatch.of(4, MNIST, 10, 3);
        assertThat(next.output(batch.features())).isEqualTo(earlier.output(batch.features()));
    }

    @Test
    void graphsRoundTripToo() {
        BuiltModel earlier = trainedOneStep("resnet", 10, 4);
        Path file = folder.resolve("resnet.zip");
        Checkpoints.save(earlier, file);

        BuiltModel next = ArchitectureCatalog.named("resnet").build(MNIST, 10, OPTIONS.withSeed(5));
        TransferReport report = Checkpoints.initialiseFrom(next, file);

        assertThat(report.copied()).hasSize(10);
        assertThat(next.network().params().sub(earlier.network().params()).amaxNumber().doubleValue()).isZero();
    }

    @Test
    void aNetworkWithBatchNormTakesWhatItSharesAndReportsTheRest() {
        Path file = folder.resolve("plain.zip");
        Checkpoints.save(trainedOneStep("mnist-net", 10, 6), file);

        BuiltModel withBatchNorm = ArchitectureCatalog.named("mnist-net-bn").build(MNIST, 10, OPTIONS);
        TransferReport report = Checkpoints.initialiseFrom(withBatchNorm, file);

        assertThat(report.copiedLayers()).containsExactly("conv1", "conv2", "fc1", "output");
        assertThat(report.leftLayers()).containsExactly("bn1", "bn2", "bn3");
        assertThat(report.left()).allSatisfy(left -> assertThat(left.reason()).contains("no layer of that name"));
        assertThat(report.summary()).startsWith("copied 4 layers from plain.zip").contains("left 3");
    }

    @Test
    void anotherClassCountLeavesTheOutputLayer() {
        Path file = folder.resolve("ten.zip");
        Checkpoints.save(trainedOneStep("mnist-net", 10, 7), file);

        BuiltModel fiveClasses = ArchitectureCatalog.named("mnist-net").build(MNIST, 5, OPTIONS);
        TransferReport report = Checkpoints.initialiseFrom(fiveClasses, file);

        assertThat(report.copiedLayers()).containsExactly("conv1", "conv2", "fc1");
        assertThat(report.left()).singleElement().satisfies(left -> {
            assertThat(left.layer()).isEqualTo("output");
            assertThat(left.reason()).contains("[128, 5]", "[128, 10]");
        });
    }

    @Test
    void differentlyNamedLayersArePairedInOrderAndColourWeightsServeGreyImages() {
        MultiLayerNetwork colour = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(8).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).name("rgb_conv")
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).name("head").build())
                .setInputType(InputType.convolutional(28, 28, 3))
                .build());
        colour.init();
        Path file = folder.resolve("colour.zip");
        Checkpoints.save(new BuiltModel("colour", InputAdapter.none(InputShape.of(3, 28, 28)), 10, colour), file);

        BuiltModel grey = ArchitectureCatalog.custom(LayerSpecText.parse("conv 32 3x3 valid relu"))
                .build(MNIST, 10, OPTIONS);
        TransferReport report = Checkpoints.initialiseFrom(grey, file);

        assertThat(report.matching()).isEqualTo(TransferReport.Matching.BY_POSITION);
        assertThat(report.copied()).extracting(TransferReport.Copied::from).containsExactly("rgb_conv", "head");
        assertThat(report.copied().get(0).note()).isEqualTo("RGB weights summed for one channel");
        INDArray summed = colour.getLayer(0).getParam("W").sum(true, 1);
        INDArray copied = grey.multiLayer().getLayer(0).getParam("W");
        assertThat(copied.sub(summed).amaxNumber().doubleValue()).isZero();
    }

    @Test
    void filesThatAreNotModelsAreRefusedClearly() throws IOException {
        Path text = Files.writeString(folder.resolve("notes.zip"), "not a zip");
        BuiltModel model = ArchitectureCatalog.named("mnist-net").build(MNIST, 10, OPTIONS);

        assertThatThrownBy(() -> Checkpoints.initialiseFrom(model, text))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("notes.zip: not a DL4J model file");
        assertThatThrownBy(() -> Checkpoints.initialiseFrom(model, folder.resolve("missing.zip")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no such file");
    }

    private static BuiltModel trainedOneStep(String architecture, int classes, long seed) {
        BuiltModel model = ArchitectureCatalog.named(architecture).build(MNIST, classes, OPTIONS.withSeed(seed));
        RandomBatch batch = RandomBatch.of(4, MNIST, classes, seed);
        model.fit(batch.features(), batch.labels());
        return model;
    }
}
