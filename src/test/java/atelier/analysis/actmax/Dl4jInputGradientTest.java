package atelier.analysis.actmax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atelier.model.ArchitectureCatalog;
import atelier.model.InputShape;
import atelier.model.ModelOptions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The probe's input gradient against central finite differences of the original network in inference mode, for
 * each layer kind (logits, dense unit, convolution channel), through dropout, batch normalization (with non-trivial
 * running statistics) and a residual ComputationGraph.
 */
class Dl4jInputGradientTest {
    private static final InputShape MNIST = InputShape.of(1, 28, 28);
    private static final long[] SHAPE = {1, 28, 28};

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("mnist-net", null, ProbedLayer.Kind.LOGITS, 3),
                Arguments.of("mnist-net", "fc1", ProbedLayer.Kind.DENSE, 5),
                Arguments.of("mnist-net", "conv2", ProbedLayer.Kind.CHANNEL_MEAN, 7),
                Arguments.of("mnist-net-bn", null, ProbedLayer.Kind.LOGITS, 9),
                Arguments.of("mnist-net-bn", "bn2", ProbedLayer.Kind.CHANNEL_MEAN, 11),
                Arguments.of("mnist-net-bn", "bn3", ProbedLayer.Kind.DENSE, 13),
                Arguments.of("resnet", null, ProbedLayer.Kind.LOGITS, 1),
                Arguments.of("resnet", "res1_conv2", ProbedLayer.Kind.CHANNEL_MEAN, 2));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layers")
    void gradientMatchesFiniteDifferencesOfTheOriginalNetwork(String architecture, String layer,
                                                             ProbedLayer.Kind kind, int unit) {
        Model network = ArchitectureCatalog.named(architecture).build(MNIST, 10, ModelOptions.defaults().withSeed(3))
                .network();
        randomizeBatchNorm(network);
        InputGradient probe = new Dl4jInputGradient(network, layer, SHAPE);
        assertThat(probe.layer().kind()).isEqualTo(kind);
        Nd4j.getRandom().setSeed(42);
        INDArray images = Nd4j.randn(DataType.FLOAT, 2, 1, 28, 28).muli(0.7);
        int[] units = {unit, (unit + 1) % probe.layer().units()};
        String name = probe.layer().name();

        float[] values = probe.scores(images, units).values();
        for (int i = 0; i < 2; i++) {
            assertThat((double) values[i]).isCloseTo(unitValue(network, name, kind, images, i, units[i]),
                    org.assertj.core.data.Offset.offset(1e-3 + 1e-3 * Math.abs(values[i])));
        }

        INDArray gradient = probe.gradient(images, units);
        assertThat(gradient.shape()).containsExactly(2, 1, 28, 28);
        Random random = new Random(7);
        for (int i = 0; i < 2; i++) {
            for (int trial = 0; trial < 2; trial++) {
                INDArray direction = randomDirection(random);
                double analytic = gradient.slice(i).mul(direction).sumNumber().doubleValue();
                double h = 1e-2;
                INDArray plus = images.dup();
                plus.slice(i).addi(direction.mul(h));
                INDArray minus = images.dup();
                minus.slice(i).subi(direction.mul(h));
                double numeric = (unitValue(network, name, kind, plus, i, units[i])
                        - unitValue(network, name, kind, minus, i, units[i])) / (2 * h);
                assertThat(analytic).as("image %d direction %d", i, trial)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 + 0.03 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void probabilitiesAreTheNetworksOwnInInferenceMode() {
        MultiLayerNetwork network = ArchitectureCatalog.named("mnist-net").build(MNIST, 10,
                ModelOptions.defaults().withSeed(4)).multiLayer();
        InputGradient probe = new Dl4jInputGradient(network, null, SHAPE);
        INDArray images = Nd4j.randn(DataType.FLOAT, 3, 1, 28, 28);
        float[][] expected = network.output(images, false).toFloatMatrix();
        float[][] probabilities = probe.scores(images, new int[] {0, 1, 2}).probabilities();
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 10; c++) {
                assertThat(probabilities[i][c]).isCloseTo(expected[i][c], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void unknownLayersAndUnitsAreRefusedByName() {
        Model network = ArchitectureCatalog.named("mnist-net").build(MNIST, 10, ModelOptions.defaults()).network();
        assertThatThrownBy(() -> new Dl4jInputGradient(network, "fc9", SHAPE))
                .hasMessageContaining("no layer fc9").hasMessageContaining("fc1");
        InputGradient probe = new Dl4jInputGradient(network, "conv1", SHAPE);
        assertThatThrownBy(() -> probe.layer().checkUnit(32)).hasMessageContaining("32 channels");
        assertThat(Dl4jInputGradient.layerNames(network)).endsWith("output").contains("conv1", "fc1");
    }

    /** The unit's value from the original network in inference mode, computed without the probe. */
    private static double unitValue(Model network, String layer, ProbedLayer.Kind kind, INDArray images, int image,
                                    int unit) {
        INDArray activation;
        if (kind == ProbedLayer.Kind.LOGITS) {
            activation = logits(network, images);
        } else if (network instanceof MultiLayerNetwork chain) {
            // only up to the layer: the next one (an in-place ReLU) would overwrite the array feedForward returns
            int index = indexOf(chain, layer);
            activation = chain.feedForwardToLayer(index, images, false).get(index + 1);
        } else {
            Map<String, INDArray> all = ((ComputationGraph) network).feedForward(images, false);
            activation = all.get(layer);
        }
        INDArray row = activation.slice(image).slice(unit);
        return kind == ProbedLayer.Kind.CHANNEL_MEAN ? row.meanNumber().doubleValue() : row.getDouble(0);
    }

    /** z = h·W + b of the output layer, from its input h in inference mode. */
    private static INDArray logits(Model network, INDArray images) {
        INDArray hidden;
        INDArray weights;
        INDArray bias;
        if (network instanceof MultiLayerNetwork chain) {
            List<INDArray> all = chain.feedForward(images, false);
            hidden = all.get(chain.getnLayers() - 1);
            weights = chain.getOutputLayer().getParam("W");
            bias = chain.getOutputLayer().getParam("b");
        } else {
            ComputationGraph graph = (ComputationGraph) network;
            String output = graph.getConfiguration().getNetworkOutputs().get(0);
            String before = graph.getConfiguration().getVertexInputs().get(output).get(0);
            hidden = graph.feedForward(images, false).get(before);
            weights = graph.getLayer(output).getParam("W");
            bias = graph.getLayer(output).getParam("b");
        }
        return hidden.reshape(hidden.size(0), -1).mmul(weights).addRowVector(bias);
    }

    private static int indexOf(MultiLayerNetwork chain, String layer) {
        for (int i = 0; i < chain.getnLayers(); i++) {
            if (layer.equals(chain.getLayer(i).conf().getLayer().getLayerName())) {
                return i;
            }
        }
        throw new IllegalArgumentException(layer);
    }

    private static INDArray randomDirection(Random random) {
        float[] values = new float[784];
        double norm = 0;
        for (int p = 0; p < values.length; p++) {
            values[p] = (float) random.nextGaussian();
            norm += values[p] * values[p];
        }
        return Nd4j.create(values, new long[] {1, 28, 28}, 'c').divi(Math.sqrt(norm));
    }

    /** Running statistics and scales far from the fresh 0/1, so that a wrong folding of them shows. */
    private static void randomizeBatchNorm(Model network) {
        org.deeplearning4j.nn.api.Layer[] layers = network instanceof MultiLayerNetwork chain ? chain.getLayers()
                : ((ComputationGraph) network).getLayers();
        Nd4j.getRandom().setSeed(9);
        for (org.deeplearning4j.nn.api.Layer layer : layers) {
            Map<String, INDArray> params = layer.paramTable();
            if (!params.containsKey(BatchNormalizationParamInitializer.GLOBAL_MEAN)) {
                continue;
            }
            params.get(BatchNormalizationParamInitializer.GLOBAL_MEAN).assign(Nd4j.randn(DataType.FLOAT,
                    params.get(BatchNormalizationParamInitializer.GLOBAL_MEAN).shape()).muli(0.3));
            INDArray spread = Nd4j.rand(DataType.FLOAT, params.get(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                    .shape()).muli(1.5).addi(0.5);
            if (params.containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
                params.get(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).assign(
                        org.nd4j.linalg.ops.transforms.Transforms.log(spread, 10.0));
            } else {
                params.get(BatchNormalizationParamInitializer.GLOBAL_VAR).assign(spread.mul(spread));
            }
            params.get(BatchNormalizationParamInitializer.GAMMA).assign(Nd4j.rand(DataType.FLOAT,
                    params.get(BatchNormalizationParamInitializer.GAMMA).shape()).addi(0.5));
            params.get(BatchNormalizationParamInitializer.BETA).assign(Nd4j.randn(DataType.FLOAT,
                    params.get(BatchNormalizationParamInitializer.BETA).shape()).muli(0.2));
        }
    }
}
