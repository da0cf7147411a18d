package atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atelier.train.CatalogModelFactory;
import atelier.train.RunSpec;
import atelier.train.TrainableModel;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The two probes on a checkpoint: named-layer activations against DL4J, input gradients against finite differences. */
class NetworkProbeTest {
    @TempDir
    static Path dir;

    private static Path trained(String architecture) throws Exception {
        RunSpec spec = RunSpec.defaults("mnist", architecture, 1);
        TrainableModel model = new CatalogModelFactory(line -> { }).create(spec, 1, 28, 28, 10);
        INDArray x = images(32, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        for (int i = 0; i < 3; i++) {
            model.train(x, y);
        }
        Path file = dir.resolve(architecture + ".zip");
        model.save(file);
        return file;
    }

    private static INDArray images(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, 784);
    }

    @Test
    void activationsOfANamedLayerForAWholeSplitAreDl4jsInBatches() throws Exception {
        Path file = trained("mnist-net");
        NetworkProbe probe = NetworkProbe.open(file);
        INDArray x = images(1200, 2);
        INDArray fc1 = probe.activations("fc1", x);
        MultiLayerNetwork dl4j = (MultiLayerNetwork) atelier.model.Checkpoints.load(file);
        int index = java.util.Arrays.asList(dl4j.getLayerNames() == null ? new String[0]
                : dl4j.getLayerNames().toArray(String[]::new)).indexOf("fc1");
        INDArray expected = dl4j.feedForwardToLayer(index, x.reshape(1200, 1, 28, 28), false).get(index + 1);
        assertThat(fc1.shape()).containsExactly(1200, 128);
        assertThat(fc1.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-4);
        INDArray conv2 = probe.activations("conv2", x.get(NDArrayIndex.interval(0, 5)));
        INDArray expectedConv2 = dl4j.feedForwardToLayer(1, x.get(NDArrayIndex.interval(0, 5)).reshape(5, 1, 28, 28),
                false).get(2);
        assertThat(conv2.shape()).containsExactly(5, 64, 24, 24);
        assertThat(conv2.sub(expectedConv2).amaxNumber().doubleValue()).isLessThan(1e-4);
        assertThat(probe.layerNames()).endsWith("output");
        assertThatThrownBy(() -> probe.activations("fc9", x)).hasMessageContaining("no layer named \"fc9\"");
    }

    @Test
    void inputGradientsOfALogitAndOfADenseUnitMatchFiniteDifferences() throws Exception {
        NetworkProbe probe = NetworkProbe.open(trained("mnist-net-bn"));
        INDArray x = images(3, 3);
        for (String layer : new String[] {"output", "fc1"}) {
            int unit = 3;
            INDArray gradient = probe.inputGradient(layer, unit, x).reshape(3, 784);
            for (int image = 0; image < 3; image++) {
                INDArray row = gradient.getRow(image);
                // the pixels where the gradient is largest, where a finite difference is most telling
                long[] pixels = Nd4j.sortWithIndices(org.nd4j.linalg.ops.transforms.Transforms.abs(row.dup()), 0,
                        false)[0].get(NDArrayIndex.interval(0, 3)).toLongVector();
                for (long pixel : pixels) {
                    double h = 1e-2;
                    INDArray plus = x.getRow(image).dup().reshape(1, 784);
                    INDArray minus = plus.dup();
                    plus.putScalar(pixel, plus.getDouble(pixel) + h);
                    minus.putScalar(pixel, minus.getDouble(pixel) - h);
                    double numeric = (probe.activations(layer, plus).getDouble(0, unit)
                            - probe.activations(layer, minus).getDouble(0, unit)) / (2 * h);
                    double analytic = row.getDouble(pixel);
                    assertThat(analytic).as(layer + " image " + image + " pixel " + pixel)
                            .isCloseTo(numeric, org.assertj.core.api.Assertions.within(0.03 * Math.abs(numeric) + 1e-3));
                }
            }
        }
    }
}
