package atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.model.ArchitectureCatalog;
import atelier.model.InputShape;
import atelier.model.LayerSpec;
import atelier.model.LayerSpec.Padding;
import atelier.model.Nonlinearity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's loss, parameter gradients and input gradients against DL4J's for the same network with the same
 * weights: one small network per layer kind, and every catalogue architecture (without dropout, whose random masks
 * cannot be compared; dropout has its own test).
 */
class EngineGradientTest {
    private static final InputShape GREY = InputShape.of(1, 12, 12);

    static Stream<Arguments> layerKinds() {
        return Stream.of(
                Arguments.of("conv valid relu", List.of(new LayerSpec.Conv(4, 3, Padding.VALID, Nonlinearity.RELU)), GREY),
                Arguments.of("conv same stride 2 tanh, colour", List.of(
                        new LayerSpec.Conv(5, 3, 2, Padding.SAME, Nonlinearity.TANH)), InputShape.of(3, 11, 11)),
                Arguments.of("conv 5x5 stride 2 valid sigmoid", List.of(
                        new LayerSpec.Conv(3, 5, 2, Padding.VALID, Nonlinearity.SIGMOID)), InputShape.of(2, 13, 13)),
                Arguments.of("max-pool floor after relu conv", List.of(
                        new LayerSpec.Conv(4, 3, Padding.VALID, Nonlinearity.RELU), new LayerSpec.Pool(3, 2)),
                        InputShape.of(1, 12, 12)),
                Arguments.of("batchnorm on maps, relu, pool", List.of(
                        new LayerSpec.Conv(4, 3, Padding.SAME, Nonlinearity.NONE),
                        new LayerSpec.BatchNorm(Nonlinearity.RELU), new LayerSpec.Pool(2)), GREY),
                Arguments.of("batchnorm on features", List.of(new LayerSpec.Dense(7, Nonlinearity.NONE),
                        new LayerSpec.BatchNorm(Nonlinearity.TANH)), GREY),
                Arguments.of("dense on an image, dense", List.of(new LayerSpec.Conv(3, 3, Padding.VALID,
                        Nonlinearity.NONE), new LayerSpec.Dense(6, Nonlinearity.RELU),
                        new LayerSpec.Dense(5, Nonlinearity.SIGMOID)), InputShape.of(2, 6, 5)),
                Arguments.of("residual block then pool", List.of(new LayerSpec.Conv(3, 3, Padding.SAME,
                        Nonlinearity.RELU), new LayerSpec.Residual(3, Nonlinearity.RELU), new LayerSpec.Pool(2),
                        new LayerSpec.Residual(3, Nonlinearity.NONE)), GREY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerKinds")
    void layerKindMatchesDl4j(String what, List<LayerSpec> layers, InputShape input) {
        assertMatchesDl4j(Dl4jOracle.of(layers, input, 4, 11), input, 6);
    }

    static Stream<String> catalogue() {
        return Stream.of("mnist-net", "mnist-net-bn", "encoder", "resnet");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void catalogueArchitectureMatchesDl4j(String name) {
        InputShape mnist = InputShape.of(1, 28, 28);
        List<LayerSpec> layers = Dl4jOracle.withoutDropout(ArchitectureCatalog.named(name).layers());
        assertMatchesDl4j(Dl4jOracle.of(layers, mnist, 10, 5), mnist, 8);
    }

    static void assertMatchesDl4j(Dl4jOracle oracle, InputShape input, int n) {
        INDArray x = Dl4jOracle.images(n, input, 3);
        INDArray y = Dl4jOracle.labels(n, oracle.engine.classes());
        double expectedLoss = oracle.dl4jScore(x, y);
        INDArray[] expected = oracle.dl4jGradients(x, y);
        INDArray[] inputGradient = new INDArray[1];
        EngineNetwork.BatchResult result = oracle.engine.computeGradients(x, y, inputGradient);

        assertThat(result.loss()).isCloseTo(expectedLoss, org.assertj.core.api.Assertions.within(1e-4 * Math.max(1,
                expectedLoss)));
        assertThat(Dl4jOracle.relativeError(oracle.engine.gradients(), expected[0])).isLessThan(2e-3);
        if (expected[1] != null) {
            assertThat(Dl4jOracle.relativeError(inputGradient[0], expected[1])).as("input gradient")
                    .isLessThan(2e-3);
        }
        assertLayerByLayer(oracle, expected[0]);
        // without the input gradient the backward pass stops at the lowest layer, which then skips its input's
        // gradient: the same parameter gradients
        oracle.engine.computeGradients(x, y);
        assertThat(Dl4jOracle.relativeError(oracle.engine.gradients(), expected[0])).as("without input gradient")
                .isLessThan(2e-3);
        assertLayerByLayer(oracle, expected[0]);
    }

    private static void assertLayerByLayer(Dl4jOracle oracle, INDArray expectedGradients) {
        INDArray[] expected = {expectedGradients};
        // per layer too, so that a small layer's error is not hidden by a large one's scale
        double overall = expected[0].amaxNumber().doubleValue();
        long[] expectedOffset = {0};
        long[] actualOffset = {0};
        for (EngineLayer layer : oracle.engine.parameterLayers()) {
            List<INDArray> want = Shapes.views(expected[0], expectedOffset, layer.parameterShapes());
            List<INDArray> have = Shapes.views(oracle.engine.gradients(), actualOffset, layer.parameterShapes());
            for (int i = 0; i < want.size(); i++) {
                // a bias right before batch normalization has a gradient of exactly zero: both sides are noise,
                // so scale errors by at least a hundredth of the network's largest gradient
                double scale = Math.max(want.get(i).amaxNumber().doubleValue(), 0.01 * overall);
                double error = have.get(i).sub(want.get(i)).amaxNumber().doubleValue() / scale;
                assertThat(error).as(layer.name + " tensor " + i).isLessThan(2e-3);
            }
        }
    }
}
