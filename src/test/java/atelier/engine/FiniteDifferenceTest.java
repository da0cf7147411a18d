package atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import atelier.model.InputShape;
import atelier.model.LayerSpec;
import atelier.model.LayerSpec.Padding;
import atelier.model.Nonlinearity;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's parameter gradients against central differences of its own training loss, on a network with every
 * parameterised layer kind and smooth nonlinearities (tanh, sigmoid), so that no kink sits between the two
 * evaluations (a residual block has a ReLU inside, so it is left to the DL4J comparison). Independent of DL4J.
 */
class FiniteDifferenceTest {
    @Test
    void parameterGradientsMatchCentralDifferences() {
        InputShape input = InputShape.of(2, 8, 8);
        List<LayerSpec> layers = List.of(new LayerSpec.Conv(3, 3, Padding.SAME, Nonlinearity.NONE),
                new LayerSpec.BatchNorm(Nonlinearity.TANH), new LayerSpec.Pool(2), new LayerSpec.Conv(4, 3, 2, Padding.VALID, Nonlinearity.SIGMOID),
                new LayerSpec.Dense(6, Nonlinearity.NONE), new LayerSpec.BatchNorm(Nonlinearity.TANH));
        Dl4jOracle oracle = Dl4jOracle.of(layers, input, 3, 21);
        EngineNetwork network = oracle.engine;
        INDArray x = Dl4jOracle.images(5, input, 4);
        INDArray y = Dl4jOracle.labels(5, 3);
        network.computeGradients(x, y);
        INDArray analytic = network.gradients().dup();
        INDArray statistics = network.statistics().dup();
        Random random = new Random(1);
        INDArray p = network.parameters();
        int checked = 0;
        for (int trial = 0; trial < 40; trial++) {
            long i = random.nextInt((int) p.length());
            double value = p.getDouble(i);
            double h = 1e-2;
            p.putScalar(i, value + h);
            double plus = network.computeGradients(x, y).loss();
            p.putScalar(i, value - h);
            double minus = network.computeGradients(x, y).loss();
            p.putScalar(i, value);
            network.statistics().assign(statistics);
            double numeric = (plus - minus) / (2 * h);
            double expected = analytic.getDouble(i);
            assertThat(expected).as("parameter " + i).isCloseTo(numeric, within(0.02 * Math.abs(numeric) + 2e-4));
            checked++;
        }
        assertThat(checked).isEqualTo(40);
    }
}
