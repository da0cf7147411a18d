package atelier.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atelier.model.Checkpoints;
import atelier.model.ModelException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs on the engine: checkpoints that DL4J reads back, frozen layers, resuming, resizing. */
class EngineTrainableModelTest {
    @TempDir
    Path dir;

    private static RunSpec spec(String architecture, String optimizer, boolean freeze, String resize) {
        return new RunSpec(null, "mnist", architecture, "xavier", freeze, optimizer,
                optimizer.equals("adam") ? 1e-3 : optimizer.equals("sgd") ? 0.01 : 1.0, 0.7, 0.9, 16, 1, 0, "none", 3,
                resize, null);
    }

    private static TrainableModel create(RunSpec spec, int side) {
        return new CatalogModelFactory(line -> { }).create(spec, 1, side, side, 10);
    }

    static INDArray images(int n, int side, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, (long) side * side);
    }

    static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        return y;
    }

    private static INDArray dl4jOutput(Model network, INDArray images) {
        if (network instanceof MultiLayerNetwork chain) {
            return chain.output(images, false);
        }
        return ((ComputationGraph) network).outputSingle(false, images);
    }

    /** The first index where two vectors differ in any bit, or -1 (AssertJ's diff of a million floats takes ages). */
    static long firstDifference(INDArray a, INDArray b) {
        float[] x = a.toFloatVector();
        float[] y = b.toFloatVector();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                return i;
            }
        }
        return x.length == y.length ? -1 : Math.min(x.length, y.length);
    }

    static Stream<String> architectures() {
        return Stream.of("mnist-net", "mnist-net-bn", "encoder", "resnet");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void checkpointAfterTrainingPredictsInDl4jAsTheEngineDoes(String architecture) throws Exception {
        TrainableModel model = create(spec(architecture, "adadelta", false, "auto"), 28);
        assertThat(model).isInstanceOf(EngineTrainableModel.class);
        INDArray x = images(16, 28, 5);
        INDArray y = labels(16);
        double first = model.train(x, y).loss();
        for (int i = 0; i < 5; i++) {
            model.train(x, y);
        }
        assertThat(model.train(x, y).loss()).isLessThan(first);
        Path file = dir.resolve(architecture + ".zip");
        model.save(file);

        Model loaded = Checkpoints.load(file);
        INDArray expected = model.predict(x);
        INDArray actual = dl4jOutput(loaded, x.reshape(16, 1, 28, 28));
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-4);
        assertThat(loaded.numParams()).isEqualTo(model.parameterCount());
    }

    @Test
    void vgg16At32TrainsAndItsCheckpointPredictsTheSameInDl4j() throws Exception {
        TrainableModel model = create(spec("vgg16", "adam", false, "auto"), 28);
        INDArray x = images(4, 28, 6);
        INDArray y = labels(4);
        model.train(x, y);
        model.train(x, y);
        Path file = dir.resolve("vgg16.zip");
        model.save(file);
        Model loaded = Checkpoints.load(file);
        INDArray resized = atelier.model.InputAdapter.resize(atelier.model.InputShape.of(1, 28, 28), 32).apply(x);
        assertThat(dl4jOutput(loaded, resized).sub(model.predict(x)).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void frozenLayersStayBitIdenticalAndTheOutputLayerLearns() throws Exception {
        EngineTrainableModel model = (EngineTrainableModel) create(spec("mnist-net-bn", "adam", true, "auto"), 28);
        INDArray before = model.network().parameters().dup();
        INDArray statistics = model.network().statistics().dup();
        long trainable = model.network().trainableParameters().length();
        INDArray x = images(16, 28, 7);
        for (int i = 0; i < 4; i++) {
            model.train(x, labels(16));
        }
        INDArray after = model.network().parameters();
        long frozen = after.length() - trainable;
        INDArray frozenBefore = before.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, frozen));
        INDArray frozenAfter = after.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, frozen));
        assertThat(firstDifference(frozenAfter, frozenBefore)).isEqualTo(-1);
        // frozen batch normalization runs in inference mode: its running statistics do not move either
        assertThat(firstDifference(model.network().statistics(), statistics)).isEqualTo(-1);
        assertThat(model.network().trainableParameters().equalsWithEps(
                before.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(frozen, after.length())), 1e-7)).isFalse();
        assertThat(trainable).isEqualTo(128 * 10 + 10);
        assertThat(model.frozenLayers()).containsExactly("conv1", "bn1", "conv2", "bn2", "fc1", "bn3");
        // the optimizer keeps state for the trainable parameters only
        Path file = dir.resolve("frozen.zip");
        model.save(file);
        assertThat(atelier.engine.EngineCheckpoint.optimizerState(file).orElseThrow().length())
                .isEqualTo(2 * trainable);
    }

    @Test
    void restoreContinuesExactlyAsAnUninterruptedRun() throws Exception {
        RunSpec spec = spec("mnist-net-bn", "adam", false, "auto");
        INDArray x = images(16, 28, 8);
        INDArray y = labels(16);
        TrainableModel straight = create(spec, 28);
        straight.train(x, y);
        straight.finishEpoch();
        Path file = dir.resolve("epoch1.zip");
        straight.save(file);
        TrainableModel resumed = create(spec, 28);
        resumed.restore(file, 1);
        // without dropout layers in mnist-net-bn's frozen... mnist-net-bn has dropout: compare predictions instead
        assertThat(resumed.predict(x).sub(straight.predict(x)).amaxNumber().doubleValue()).isLessThan(1e-6);
        EngineTrainableModel a = (EngineTrainableModel) straight;
        EngineTrainableModel b = (EngineTrainableModel) resumed;
        assertThat(b.network().parameters().equalsWithEps(a.network().parameters(), 0)).isTrue();
    }

    @Test
    void mnistNetTrainsOnImagesResizedTo32() {
        TrainableModel model = create(spec("mnist-net", "adadelta", false, "32"), 28);
        INDArray x = images(8, 28, 9);
        TrainableModel.StepResult step = model.train(x, labels(8));
        assertThat(Double.isFinite(step.loss())).isTrue();
        assertThat(model.predict(x).shape()).containsExactly(8, 10);
        // conv 3x3 twice and a 2x2 pool on 32x32 leave 14x14x64 = 12,544 inputs to fc1
        assertThat(model.parameterCount()).isEqualTo(320 + 18_496 + 12_544L * 128 + 128 + 1_290);
    }

    @Test
    void vgg16WithoutResizeIsRefusedWithTheReason() {
        assertThatThrownBy(() -> create(spec("vgg16", "adam", false, "none"), 28))
                .isInstanceOf(ModelException.class).hasMessageContaining("at least 32x32");
    }
}
