package atelier.analysis.actmax;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.engine.NetworkProbe;
import atelier.model.Checkpoints;
import atelier.train.CatalogModelFactory;
import atelier.train.RunSpec;
import atelier.train.TrainableModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The engine's input gradients and scores against DL4J's probe copy, for logits, a dense unit and a channel mean. */
class ProbeInputGradientTest {
    @TempDir
    static Path dir;

    @Test
    void gradientsAndScoresMatchDl4jsForEveryKindOfUnit() throws Exception {
        RunSpec spec = RunSpec.defaults("mnist", "mnist-net", 1);
        TrainableModel model = new CatalogModelFactory(line -> { }).create(spec, 1, 28, 28, 10);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, 32, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        for (int i = 0; i < 3; i++) {
            model.train(x, y);
        }
        Path file = dir.resolve("mnist-net.zip");
        model.save(file);
        NetworkProbe probe = NetworkProbe.open(file);
        var network = Checkpoints.load(file);
        INDArray images = Nd4j.randn(DataType.FLOAT, 4, 1, 28, 28);
        int[] units = {3, 0, 9, 5};
        for (String layer : new String[] {null, "fc1", "conv1"}) {
            InputGradient engine = new ProbeInputGradient(probe, layer);
            InputGradient dl4j = new Dl4jInputGradient(network, layer, new long[] {1, 28, 28});
            assertThat(engine.layer()).isEqualTo(dl4j.layer());
            INDArray expected = dl4j.gradient(images, units);
            INDArray actual = engine.gradient(images, units);
            assertThat(actual.shape()).containsExactly(expected.shape());
            double scale = expected.amaxNumber().doubleValue();
            assertThat(scale).isGreaterThan(0);
            // the engine's own tests hold input gradients to DL4J's at this relative error (float32 sums in another
            // order)
            double relative = actual.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
            assertThat(relative).as(layer).isLessThan(2e-3);
            InputGradient.Scores a = engine.scores(images, units);
            InputGradient.Scores b = dl4j.scores(images, units);
            for (int i = 0; i < units.length; i++) {
                assertThat(a.values()[i]).isCloseTo(b.values()[i], org.assertj.core.data.Offset.offset(1e-4f));
                for (int c = 0; c < 10; c++) {
                    assertThat(a.probabilities()[i][c]).isCloseTo(b.probabilities()[i][c],
                            org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }
}
