package atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import atelier.model.Nonlinearity;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization's forward against PyTorch's definition written out in plain double arithmetic: the batch's
 * biased variance normalizes, the running variance takes the unbiased one, momentum 0.1, eps 1e-5; inference
 * uses the running statistics. The gradient tests compare against DL4J, which keeps no running variance.
 */
class BatchNormLayerTest {
    private static final int N = 5;
    private static final Dims MAPS = new Dims(3, 2, 4);

    @Test
    void trainingNormalizesWithBatchStatisticsAndUpdatesRunningOnesAsPyTorch() {
        Random random = new Random(7);
        BatchNormLayer layer = new BatchNormLayer("bn", MAPS, Nonlinearity.NONE);
        int c = MAPS.channels();
        INDArray gamma = Nd4j.create(DataType.FLOAT, c);
        INDArray beta = Nd4j.create(DataType.FLOAT, c);
        INDArray runningMean = Nd4j.create(DataType.FLOAT, c);
        INDArray runningVariance = Nd4j.create(DataType.FLOAT, c);
        layer.bind(List.of(gamma, beta), List.of(gamma.ulike(), beta.ulike()), List.of(runningMean, runningVariance));
        layer.initialise();
        float[] g = new float[c];
        float[] b = new float[c];
        for (int k = 0; k < c; k++) {
            g[k] = 0.5f + random.nextFloat();
            b[k] = random.nextFloat() - 0.5f;
        }
        gamma.assign(Nd4j.createFromArray(g));
        beta.assign(Nd4j.createFromArray(b));
        int rows = N * MAPS.height() * MAPS.width();
        float[] values = new float[rows * c];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (3 + 2 * random.nextGaussian());
        }
        INDArray x = Nd4j.createFromArray(values).reshape(MAPS.batch(N));
        EngineLayer.Pass pass = layer.pass(N);

        float[] trained = pass.forward(x, Mode.TRAIN).dup().reshape(-1).toFloatVector();
        float[] learnedMean = runningMean.toFloatVector();
        float[] learnedVariance = runningVariance.toFloatVector();
        for (int k = 0; k < c; k++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += values[r * c + k];
            }
            mean /= rows;
            double squares = 0;
            for (int r = 0; r < rows; r++) {
                squares += (values[r * c + k] - mean) * (values[r * c + k] - mean);
            }
            double biased = squares / rows;
            for (int r = 0; r < rows; r++) {
                double expected = g[k] * (values[r * c + k] - mean) / Math.sqrt(biased + 1e-5) + b[k];
                assertThat((double) trained[r * c + k]).as("row %d channel %d", r, k).isCloseTo(expected, within(1e-4));
            }
            assertThat((double) learnedMean[k]).isCloseTo(0.1 * mean, within(1e-5));
            assertThat((double) learnedVariance[k]).isCloseTo(0.9 + 0.1 * squares / (rows - 1), within(1e-4));
        }

        float[] inferred = pass.forward(x, Mode.INFER).reshape(-1).toFloatVector();
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < c; k++) {
                double expected = g[k] * (values[r * c + k] - learnedMean[k]) / Math.sqrt(learnedVariance[k] + 1e-5) + b[k];
                assertThat((double) inferred[r * c + k]).isCloseTo(expected, within(1e-4));
            }
        }
    }
}
