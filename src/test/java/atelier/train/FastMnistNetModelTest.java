package atelier.train;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.model.ArchitectureCatalog;
import atelier.model.BuiltModel;
import atelier.model.Checkpoints;
import atelier.model.InputShape;
import atelier.model.ModelOptions;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fast mnist-net step and the catalogue's DL4J mnist-net must be the same network with the same weights. */
class FastMnistNetModelTest {
    @TempDir
    Path dir;

    private static MultiLayerNetwork catalogueMnistNet(long seed) {
        BuiltModel built = ArchitectureCatalog.named("mnist-net").build(InputShape.of(1, 28, 28), 10,
                ModelOptions.defaults().withSeed(seed));
        return built.multiLayer();
    }

    private static INDArray images(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, 784);
    }

    @Test
    void startsFromTheDl4jWeightsAndPredictsAsTheDl4jNetworkDoes() {
        MultiLayerNetwork dl4j = catalogueMnistNet(3);
        FastMnistNetModel fast = new FastMnistNetModel(dl4j, RunSpec.defaults("mnist", "mnist-net", 1));
        INDArray x = images(16, 5);

        INDArray expected = dl4j.output(x.reshape(16, 1, 28, 28), false);
        INDArray actual = fast.predict(x);

        assertThat(actual.shape()).containsExactly(16, 10);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void checkpointAfterTrainingIsADl4jNetworkThatPredictsTheSame() throws Exception {
        MultiLayerNetwork dl4j = catalogueMnistNet(4);
        FastMnistNetModel fast = new FastMnistNetModel(dl4j, RunSpec.defaults("mnist", "mnist-net", 1));
        INDArray x = images(32, 6);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            labels.putScalar(i, i % 10, 1f);
        }
        double first = fast.train(x, labels).loss();
        for (int i = 0; i < 15; i++) {
            fast.train(x, labels);
        }
        assertThat(fast.train(x, labels).loss()).isLessThan(first);
        Path file = dir.resolve("best.zip");

        fast.save(file);

        MultiLayerNetwork restored = (MultiLayerNetwork) Checkpoints.load(file);
        INDArray fromCheckpoint = restored.output(x.reshape(32, 1, 28, 28), false);
        assertThat(fromCheckpoint.sub(fast.predict(x)).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void onlyPlainMnistNetWithAdadeltaTakesTheFastStep() {
        RunSpec plain = RunSpec.defaults("mnist", "mnist-net", 1);
        assertThat(FastMnistNetModel.suits(plain, 1, 28, 28, 10)).isTrue();
        assertThat(FastMnistNetModel.suits(plain, 3, 28, 28, 10)).isFalse();
        assertThat(FastMnistNetModel.suits(RunSpec.defaults("mnist", "encoder", 1), 1, 28, 28, 10)).isFalse();
        RunSpec frozen = new RunSpec(null, "mnist", "mnist-net", "xavier", true, "adadelta", 1, 0.7, 0.9, 64, 1, 0,
                "none", 1);
        assertThat(FastMnistNetModel.suits(frozen, 1, 28, 28, 10)).isFalse();
    }
}
