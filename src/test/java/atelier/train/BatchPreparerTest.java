package atelier.train;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.augment.AugmentationPipeline;
import atelier.augment.AugmentationSeeds;
import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.task.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Augmented training batches in a run: prepared ahead, seeded, and never the test set. */
class BatchPreparerTest {
    private static final int LIMIT = 256;
    private static final int BATCH = 64;
    private static LabelView mnist;

    @TempDir
    Path workspace;

    @BeforeAll
    static void loadMnist() {
        Dataset dataset = DatasetLoader.load("mnist", Progress.NONE);
        mnist = new LabelView(dataset, LabelJournal.inMemory());
    }

    /** Every array the network was given, training batches and test batches alike, in order. */
    private List<float[]> inputsOfARun(String augmentation, long seed) throws Exception {
        List<float[]> inputs = Collections.synchronizedList(new ArrayList<>());
        ModelFactory recording = (spec, channels, height, width, classes) -> {
            var network = ((Dl4jTrainableModel) TrainingRunTest.SMALL_DENSE.create(spec, channels, height, width,
                    classes)).network();
            return new Dl4jTrainableModel(network, x -> {
                inputs.add(x.dup('c').data().asFloat());
                return x;
            });
        };
        RunSpec spec = new RunSpec("augmented", "mnist", "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9, BATCH,
                1, LIMIT, augmentation, seed);
        try (TrainingService service = new TrainingService(new RunStore(workspace.resolve("runs")), recording)) {
            RunRecord record = service.submit(spec, mnist, TrainingListener.NONE).result().get(2, TimeUnit.MINUTES);
            assertThat(record.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(record.spec().augmentation()).isEqualTo(AugmentationPipeline.parse(augmentation).text());
        }
        return inputs;
    }

    @Test
    void trainingBatchesAreAugmentedAndTestBatchesNever() throws Exception {
        List<float[]> inputs = inputsOfARun("flip:1", 1);
        TrainingData data = TrainingData.from(mnist, LIMIT, 1);
        List<TrainingData.Batch> plainTrain = data.trainBatches(1, BATCH, 1);
        List<TrainingData.Batch> test = data.testBatches(1000);
        // the loop's order: each training step hands its batch to the network once; then the test set
        assertThat(inputs).hasSize(plainTrain.size() + test.size());
        for (int b = 0; b < plainTrain.size(); b++) {
            assertSame("training batch " + b + " flipped", inputs.get(b),
                    flippedRows(plainTrain.get(b).features(), 28, 28));
        }
        for (int b = 0; b < test.size(); b++) {
            assertSame("test batch " + b + " as it is", inputs.get(plainTrain.size() + b),
                    test.get(b).features().dup('c').data().asFloat());
        }
    }

    @Test
    void theSameSeedGivesTheSameAugmentedBatchesAsAugmentingThemOneAfterAnother() throws Exception {
        String pipeline = "flip:0.5,crop:4,rotate:10,erase:0.5";
        List<float[]> first = inputsOfARun(pipeline, 3);
        List<float[]> second = inputsOfARun(pipeline, 3);
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertSame("network input " + i + " of the second run", second.get(i), first.get(i));
        }
        // prepared ahead on the worker, yet equal to each batch augmented on this thread with its own seed
        TrainingData data = TrainingData.from(mnist, LIMIT, 3);
        List<TrainingData.Batch> plain = data.trainBatches(1, BATCH, 3);
        var augmenter = AugmentationPipeline.parse(pipeline).augmenter(data.imageShape(),
                new atelier.augment.PixelScale(data.mean(), data.std()));
        for (int b = 0; b < plain.size(); b++) {
            float[] expected = plain.get(b).features().dup('c').data().asFloat();
            augmenter.augmentBatch(expected, plain.get(b).size(), AugmentationSeeds.forBatch(3, 1, b));
            assertSame("batch " + b + " prepared ahead", first.get(b), expected);
        }
        List<float[]> otherSeed = inputsOfARun(pipeline, 4);
        assertThat(java.util.Arrays.equals(otherSeed.get(0), first.get(0))).isFalse();
    }

    @Test
    void withoutAugmentationTheBatchesPassThroughAsTheyAre() {
        TrainingData data = TrainingData.from(mnist, LIMIT, 1);
        List<TrainingData.Batch> plain = data.trainBatches(1, BATCH, 1);
        BatchPreparer none = BatchPreparer.of(RunSpec.defaults("mnist", "dense", 1), data);
        assertThat(none.pipeline().isEmpty()).isTrue();
        assertThat(none.epoch(1, plain)).isSameAs(plain);
    }

    /** Equal arrays, or a message naming the first difference (AssertJ's own diff is quadratic in the length). */
    private static void assertSame(String what, float[] actual, float[] expected) {
        assertThat(actual.length).as(what + ": length").isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                throw new AssertionError(what + ": value " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    private static float[] flippedRows(INDArray features, int height, int width) {
        float[] values = features.dup('c').data().asFloat();
        float[] flipped = new float[values.length];
        int pixels = height * width;
        for (int n = 0; n < values.length / pixels; n++) {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    flipped[n * pixels + r * width + c] = values[n * pixels + r * width + (width - 1 - c)];
                }
            }
        }
        return flipped;
    }

    @Test
    void anAugmentedBatchIsFreedOnceTrainedOnAndTheEpochsOwnBatchesAreNot() {
        TrainingData data = TrainingData.from(mnist, LIMIT, 1);
        List<TrainingData.Batch> plain = data.trainBatches(1, BATCH, 1);
        RunSpec augmented = new RunSpec("a", "mnist", "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9, BATCH, 1,
                LIMIT, "flip:0.5", 1);
        RunSpec none = new RunSpec("n", "mnist", "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9, BATCH, 1,
                LIMIT, "none", 1);
        BatchPreparer preparer = BatchPreparer.of(augmented, data);
        TrainingData.Batch batch = preparer.epoch(1, plain).get(0);

        preparer.finished(batch);
        BatchPreparer.of(none, data).finished(plain.get(1));

        assertThat(batch.features().data().wasClosed()).isTrue();
        assertThat(plain.get(0).features().data().wasClosed()).isFalse();
        assertThat(plain.get(1).features().data().wasClosed()).isFalse();
        data.close();
    }
}
