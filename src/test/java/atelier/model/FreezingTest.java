package atelier.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/** "Freeze all but the last dense layer": one training step changes the output layer and nothing else. */
class FreezingTest {
    private static final InputShape MNIST = InputShape.of(1, 28, 28);
    private static final ModelOptions SGD = ModelOptions.defaults().withUpdater(new Sgd(0.5));

    @Test
    void aStepLeavesFrozenLayersOfAChainAsTheyWere() {
        BuiltModel frozen = Freezing.allButLastDense(
                ArchitectureCatalog.named("mnist-net-bn").build(MNIST, 10, SGD));
        ParameterTable table = ParameterTable.of(frozen);

        assertThat(table.rows()).filteredOn(row -> !row.name().equals("output")).allMatch(LayerRow::frozen);
        assertThat(table.row("output").frozen()).isFalse();
        assertThat(table.learning()).isEqualTo(1_290);
        assertThat(table.trainable()).isEqualTo(1_200_330);

        Map<String, INDArray> before = snapshot(frozen);
        RandomBatch batch = RandomBatch.of(8, MNIST, 10, 1);
        frozen.fit(batch.features(), batch.labels());
        Map<String, INDArray> after = snapshot(frozen);

        assertThat(before).containsKeys("conv1_W", "bn1_mean", "bn3_log10stdev", "fc1_W", "output_W", "output_b");
        for (String key : before.keySet()) {
            double change = largestChange(before.get(key), after.get(key));
            if (key.startsWith("output_")) {
                assertThat(change).as(key).isGreaterThan(0);
            } else {
                assertThat(change).as(key + " (frozen, BatchNorm statistics included)").isZero();
            }
        }
    }

    @Test
    void aStepLeavesFrozenLayersAndBypassesOfAGraphAsTheyWere() {
        BuiltModel frozen = Freezing.allButLastDense(ArchitectureCatalog.named("resnet").build(MNIST, 10, SGD));
        ParameterTable table = ParameterTable.of(frozen);

        assertThat(table.row("res2_add").frozen()).as("FrozenVertex").isTrue();
        assertThat(table.row("fc2").frozen()).isTrue();
        assertThat(table.row("output").frozen()).isFalse();

        Map<String, INDArray> before = snapshot(frozen);
        RandomBatch batch = RandomBatch.of(8, MNIST, 10, 2);
        frozen.fit(batch.features(), batch.labels());
        Map<String, INDArray> after = snapshot(frozen);

        assertThat(largestChange(before.get("output_W"), after.get("output_W"))).isGreaterThan(0);
        assertThat(largestChange(before.get("fc2_W"), after.get("fc2_W"))).isZero();
        assertThat(largestChange(before.get("res1_conv1_W"), after.get("res1_conv1_W"))).isZero();
    }

    @Test
    void freezingSurvivesACheckpoint(@TempDir Path folder) {
        BuiltModel frozen = Freezing.allButLastDense(ArchitectureCatalog.named("mnist-net").build(MNIST, 10, SGD));
        Path file = folder.resolve("frozen.zip");

        Checkpoints.save(frozen, file);
        BuiltModel reloaded = frozen.withNetwork(Checkpoints.load(file));

        assertThat(ParameterTable.of(reloaded).rows()).extracting(LayerRow::frozen)
                .containsExactly(true, true, true, true, true, true, false);
    }

    private static double largestChange(INDArray before, INDArray after) {
        return after.sub(before).amaxNumber().doubleValue();
    }

    /** Every parameter array by layer and key, copied, e.g. "conv1_W", "bn1_mean". */
    private static Map<String, INDArray> snapshot(BuiltModel model) {
        Map<String, INDArray> copy = new HashMap<>();
        if (model.network() instanceof MultiLayerNetwork chain) {
            chain.paramTable().forEach((key, value) -> copy.put(nameOf(chain, key), value.dup()));
        } else {
            ComputationGraph graph = model.graph();
            graph.paramTable().forEach((key, value) -> copy.put(key, value.dup()));
        }
        return copy;
    }

    /** MultiLayerNetwork keys parameters by layer index ("4_W"); the tests speak of layer names. */
    private static String nameOf(MultiLayerNetwork chain, String key) {
        int separator = key.indexOf('_');
        int index = Integer.parseInt(key.substring(0, separator));
        return chain.getLayer(index).conf().getLayer().getLayerName() + key.substring(separator);
    }
}
