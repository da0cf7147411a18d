package atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import atelier.model.Architecture;
import atelier.model.ArchitectureCatalog;
import atelier.model.InputShape;
import atelier.model.LayerSpec;
import atelier.model.LayerSpec.Padding;
import atelier.model.Nonlinearity;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network split into slices that train at once computes what the unsplit network computes: the batch's loss,
 * every parameter's gradient, the running statistics of batch normalization (whose batch statistics the slices
 * add up across threads), and predictions. Without dropout, whose masks each slice draws on its own.
 */
class ShardedNetworkTest {
    private static final InputShape MNIST = InputShape.of(1, 28, 28);

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("encoder", ArchitectureCatalog.named("encoder").layers(), MNIST),
                Arguments.of("resnet", ArchitectureCatalog.named("resnet").layers(), MNIST),
                Arguments.of("mnist-net-bn", Dl4jOracle.withoutDropout(ArchitectureCatalog.named("mnist-net-bn")
                        .layers()), MNIST),
                Arguments.of("batchnorm on maps and on features", List.of(
                        new LayerSpec.Conv(4, 3, Padding.SAME, Nonlinearity.NONE),
                        new LayerSpec.BatchNorm(Nonlinearity.RELU), new LayerSpec.Pool(2),
                        new LayerSpec.Dense(9, Nonlinearity.NONE), new LayerSpec.BatchNorm(Nonlinearity.TANH)),
                        InputShape.of(2, 10, 10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void twoSlicesComputeWhatOneBatchComputes(String what, List<LayerSpec> layers, InputShape input) {
        Architecture architecture = ArchitectureCatalog.custom(layers);
        EngineNetwork whole = NetworkBuilder.build(architecture, input, 5, 3, 1);
        EngineNetwork split = NetworkBuilder.build(architecture, input, 5, 3, 2);
        Nd4j.getRandom().setSeed(17);
        whole.parameters().assign(Nd4j.randn(DataType.FLOAT, whole.parameters().length()).muli(0.2));
        split.parameters().assign(whole.parameters());
        split.statistics().assign(whole.statistics());
        // an odd batch: slices of 18 and 19
        int n = 37;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, input.channels(), input.height(), input.width());
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 5);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 7) % 5, 1);
        }
        assertThat(split.slicesFor(n)).isEqualTo(2);
        INDArray initialStatistics = whole.statistics().dup();
        // how far the unsplit network's own rounding moves its gradients when the batch comes in another order:
        // batch normalization's sums over ~20,000 pixels in float make the layers below it that sensitive
        INDArray[] shuffled = reversed(x, y);
        whole.computeGradients(shuffled[0], shuffled[1]);
        INDArray reorderedGradients = whole.gradients().dup();
        INDArray reorderedStatistics = whole.statistics().dup();
        whole.statistics().assign(initialStatistics);

        EngineNetwork.BatchResult expected = whole.computeGradients(x, y);
        EngineNetwork.BatchResult actual = split.computeGradients(x, y);

        assertThat(actual.count()).isEqualTo(n);
        assertThat(actual.correct()).isEqualTo(expected.correct());
        assertThat(actual.loss()).isCloseTo(expected.loss(), within(1e-5));
        assertWithinRounding(split.gradients(), whole.gradients(), reorderedGradients);
        assertWithinRounding(split.statistics(), whole.statistics(), reorderedStatistics);
        // inference from the same statistics: with random weights the logits are large enough that the running
        // statistics' rounding alone would move the probabilities
        split.statistics().assign(whole.statistics());
        INDArray test = Nd4j.rand(DataType.FLOAT, 70, input.channels(), input.height(), input.width());
        assertClose(split.probabilities(test), whole.probabilities(test), 1e-5);
        int output = whole.layers().size() - 1;
        assertClose(split.inputGradient(output, 2, test), whole.inputGradient(output, 2, test), 1e-5);
        whole.release();
        split.release();
    }

    @Test
    void aBatchTooSmallToSplitRunsWhole() {
        EngineNetwork split = NetworkBuilder.build(ArchitectureCatalog.named("encoder"), MNIST, 10, 1, 2);
        assertThat(split.shardCount()).isEqualTo(2);
        assertThat(split.slicesFor(EngineNetwork.MIN_SLICE * 2 - 1)).isEqualTo(1);
        assertThat(split.slicesFor(64)).isEqualTo(2);
        split.release();
    }

    @Test
    void theExchangeAddsUpEveryShardsValuesInShardOrder() throws Exception {
        ShardExchange exchange = new ShardExchange(2);
        exchange.begin(2);
        CompletableFuture<float[]> other = CompletableFuture.supplyAsync(() -> {
            float[] first = exchange.sum(1, new float[] {10, 20});
            float[] second = exchange.sum(1, new float[] {100});
            return new float[] {first[0], first[1], second[0]};
        });
        float[] first = exchange.sum(0, new float[] {1, 2});
        float[] second = exchange.sum(0, new float[] {3});
        assertThat(first).containsExactly(11, 22);
        assertThat(second).containsExactly(103);
        assertThat(other.get(10, TimeUnit.SECONDS)).containsExactly(11, 22, 103);
    }

    @Test
    void anAbortedExchangeReleasesTheShardsWaitingInIt() throws Exception {
        ShardExchange exchange = new ShardExchange(2);
        exchange.begin(2);
        CompletableFuture<float[]> waiting = CompletableFuture.supplyAsync(() -> exchange.sum(1, new float[] {1}));
        Thread.sleep(100);
        exchange.abort();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another shard of this step failed");
    }

    private static INDArray[] reversed(INDArray x, INDArray y) {
        long n = x.size(0);
        INDArray xr = x.ulike();
        INDArray yr = y.ulike();
        for (long i = 0; i < n; i++) {
            xr.putSlice((int) i, x.slice(n - 1 - i));
            yr.putRow(i, y.getRow(n - 1 - i));
        }
        return new INDArray[] {xr, yr};
    }

    /** Within four times what reordering the batch moves the unsplit result, or 1e-5 of its largest value. */
    private static void assertWithinRounding(INDArray actual, INDArray expected, INDArray reordered) {
        double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
        double rounding = reordered.sub(expected).amaxNumber().doubleValue();
        double difference = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(difference).as("largest difference (rounding of a reordered batch: %s)", rounding)
                .isLessThanOrEqualTo(Math.max(1e-5 * scale, 4 * rounding));
    }

    private static void assertClose(INDArray actual, INDArray expected, double relative) {
        double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
        double difference = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(difference / scale).as("largest difference relative to the largest value").isLessThan(relative);
    }
}
