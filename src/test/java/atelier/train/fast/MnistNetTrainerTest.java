package atelier.train.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import atelier.nd4j.Nd4jSetup;
import atelier.train.bench.Dl4jMnistNet;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class MnistNetTrainerTest {
    private static final int N = 8;

    @BeforeAll
    static void setUp() {
        Nd4jSetup.configure();
    }

    /** A tiny batch: N random "images" with labels 0..N-1. */
    private static INDArray features(long seed) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), N, 1, 28, 28).castTo(DataType.FLOAT);
    }

    private static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, N, 10);
        for (int i = 0; i < N; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        return y;
    }

    private static List<Double> losses(long seed, int steps, INDArray x, INDArray y) {
        MnistNetTrainer trainer = new MnistNetTrainer(seed);
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            losses.add(trainer.step(x, y).loss());
        }
        return losses;
    }

    @Test
    void hasTheParameterCountOfTorchsNet() {
        assertThat(new MnistNetTrainer(1).numParams()).isEqualTo(1_199_882L);
    }

    @Test
    void aFewStepsOnATinyBatchReduceTheLoss() {
        List<Double> losses = losses(3, 20, features(3), labels());
        assertThat(losses.get(0)).isBetween(1.5, 3.5);
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
    }

    @Test
    void theSameSeedGivesIdenticalLosses() {
        INDArray x = features(5);
        INDArray y = labels();
        List<Double> first = losses(42, 5, x, y);
        List<Double> second = losses(42, 5, x, y);
        assertThat(second).containsExactlyElementsOf(first);
        assertThat(losses(43, 5, x, y)).isNotEqualTo(first);
    }

    @Test
    void gradientsMatchDl4jsMultiLayerNetworkWithoutDropout() {
        MnistNetTrainer trainer = new MnistNetTrainer(7, false);
        MultiLayerNetwork reference = referenceWithoutDropout();
        INDArray flat = trainer.params();
        String[] keys = {"0_W", "0_b", "1_W", "1_b", "3_W", "3_b", "4_W", "4_b"};
        long offset = 0;
        List<long[]> ranges = new ArrayList<>();
        for (String key : keys) {
            INDArray target = reference.getParam(key);
            INDArray slice = flat.get(NDArrayIndex.interval(offset, offset + target.length()));
            reference.setParam(key, toDl4jLayout(key, slice));
            ranges.add(new long[] {offset, offset + target.length()});
            offset += target.length();
        }
        INDArray x = features(11);
        INDArray y = labels();

        double loss = trainer.step(x, y).loss();
        INDArray ours = trainer.lastGradients().dup();

        reference.setInput(x);
        reference.setLabels(y);
        reference.computeGradientAndScore();
        assertThat(loss).isCloseTo(reference.score(), within(1e-4));
        for (int i = 0; i < keys.length; i++) {
            // DL4J's gradients are sums over the batch; the mean is taken by its updater.
            INDArray theirs = reference.gradient().getGradientFor(keys[i]).dup('c').reshape(length(keys[i], reference)).div(N);
            INDArray mine = toDl4jLayout(keys[i], ours.get(NDArrayIndex.interval(ranges.get(i)[0], ranges.get(i)[1])))
                    .reshape(theirs.length());
            double scale = Math.max(1e-6, theirs.norm2Number().doubleValue());
            double error = mine.sub(theirs).norm2Number().doubleValue() / scale;
            assertThat(error).as("relative error of %s", keys[i]).isLessThan(1e-3);
        }
    }

    @Test
    void evaluateAndOutputAgreeAndParametersRoundTrip() {
        MnistNetTrainer trainer = new MnistNetTrainer(9);
        INDArray x = features(9);
        INDArray y = labels();
        trainer.step(x, y);
        MnistNetTrainer.Result whole = trainer.evaluate(x, y, N);
        MnistNetTrainer.Result split = trainer.evaluate(x, y, 3);
        assertThat(split.correct()).isEqualTo(whole.correct());
        assertThat(split.loss()).isCloseTo(whole.loss(), within(1e-5));
        INDArray probabilities = Nd4j.math().exp(trainer.output(x).dup());
        for (double total : probabilities.sum(1).toDoubleVector()) {
            assertThat(total).isCloseTo(1.0, within(1e-4));
        }

        MnistNetTrainer copy = new MnistNetTrainer(10);
        copy.setParams(trainer.params());
        copy.setUpdaterState(trainer.updaterState());
        assertThat(copy.evaluate(x, y, N).loss()).isEqualTo(whole.loss());
        assertThat(copy.step(x, y).loss()).isGreaterThan(0.0);
    }

    /**
     * Our flat slice as DL4J's parameter: conv weights are [oC,iC,kH,kW] in both; fc1's rows are (row, column,
     * channel) here and (channel, row, column) in DL4J.
     */
    private static INDArray toDl4jLayout(String key, INDArray slice) {
        return switch (key) {
            case "0_W" -> slice.reshape('c', 32, 1, 3, 3).dup();
            case "1_W" -> slice.reshape('c', 64, 32, 3, 3).dup();
            case "3_W" -> slice.reshape('c', 12, 12, 64, 128).permute(2, 0, 1, 3).dup('c').reshape(9216, 128);
            case "4_W" -> slice.reshape('c', 128, 10).dup();
            default -> slice.reshape('c', 1, slice.length()).dup();
        };
    }

    private static long length(String key, MultiLayerNetwork net) {
        return net.getParam(key).length();
    }

    private static MultiLayerNetwork referenceWithoutDropout() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(32).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Keep Dl4jMnistNet in the test's class path sanity: same parameter count as the fused net.
        assertThat(Dl4jMnistNet.build(1).numParams()).isEqualTo(MnistNetTrainer.PARAMS);
        return net;
    }
}
