package atelier.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.task.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The training loop and run records, with a small dense network so that the tests take seconds. */
public class TrainingRunTest {
    private static LabelView mnist;

    @TempDir
    Path workspace;

    @BeforeAll
    static void loadMnist() {
        Dataset dataset = DatasetLoader.load("mnist", Progress.NONE);
        mnist = new LabelView(dataset, LabelJournal.inMemory());
    }

    /** A small dense network for tests that need a trainable model in seconds. */
    public static final ModelFactory SMALL_DENSE = (spec, channels, height, width, classes) -> {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(spec.seed()).weightInit(WeightInit.XAVIER_UNIFORM).updater(Optimizers.updater(spec))
                .list()
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward((long) channels * height * width))
                .build());
        net.init();
        return new Dl4jTrainableModel(net, x -> x);
    };

    private RunRecord train(RunSpec spec, TrainingListener listener) throws Exception {
        try (TrainingService service = new TrainingService(new RunStore(workspace.resolve("runs")), SMALL_DENSE)) {
            return service.submit(spec, mnist, listener).result().get(2, TimeUnit.MINUTES);
        }
    }

    private static RunSpec spec(int epochs, int limit, double lr, long seed) {
        return new RunSpec("test", "mnist", "dense", "xavier", false, "adadelta", lr, 0.7, 0.9, 64, epochs, limit,
                "none", seed);
    }

    @Test
    void oneEpochOnTwoThousandImagesLearnsAndWritesAConsistentRunFolder() throws Exception {
        RunRecord record = train(spec(1, 2000, 1.0, 1), TrainingListener.NONE);

        assertThat(record.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(record.epochs()).hasSize(1);
        EpochMetrics epoch = record.epochs().get(0);
        assertThat(epoch.testAccuracy()).as("chance is 0.1").isGreaterThan(0.5);
        assertThat(epoch.trainLoss()).isLessThan(Math.log(10));
        assertThat(record.bestEpoch()).isEqualTo(1);
        assertThat(record.data().trainImages()).isEqualTo(2000);
        assertThat(record.data().testImages()).isEqualTo(10000);
        assertThat(record.environment().deeplearning4j()).isEqualTo("1.0.0-M2.1");

        Path folder = new RunStore(workspace.resolve("runs")).list().get(0).folder();
        assertThat(folder.resolve(RunStore.BEST)).isRegularFile();
        assertThat(folder.resolve(RunStore.LAST)).isRegularFile();
        assertThat(Files.readAllLines(folder.resolve(RunStore.ITERATIONS))).hasSize(1 + 32);
        assertThat(RunStore.read(folder)).isEqualTo(record);
    }

    @Test
    void sameSeedGivesTheSameCurves() throws Exception {
        RunRecord a = train(spec(2, 1000, 1.0, 5), TrainingListener.NONE);
        RunRecord b = train(spec(2, 1000, 1.0, 5), TrainingListener.NONE);
        RunRecord c = train(spec(2, 1000, 1.0, 6), TrainingListener.NONE);

        // multi-threaded native reductions may sum in another order: equal to 4 significant digits, not bit for bit
        for (int i = 0; i < a.epochs().size(); i++) {
            assertThat(b.epochs().get(i).trainLoss()).isCloseTo(a.epochs().get(i).trainLoss(), within(1e-4));
            assertThat(b.epochs().get(i).testLoss()).isCloseTo(a.epochs().get(i).testLoss(), within(1e-4));
            assertThat(b.epochs().get(i).testAccuracy()).isCloseTo(a.epochs().get(i).testAccuracy(), within(2e-4));
        }
        assertThat(Math.abs(c.epochs().get(0).trainLoss() - a.epochs().get(0).trainLoss())).isGreaterThan(1e-3);
    }

    @Test
    void learningRateDecaysByGammaEachEpoch() throws Exception {
        RunRecord record = train(spec(2, 500, 0.5, 1), TrainingListener.NONE);

        assertThat(record.epochs()).extracting(EpochMetrics::learningRate).containsExactly(0.5, 0.35);
    }

    @Test
    void absurdLearningRateIsStoppedAsDivergent() throws Exception {
        RunSpec wild = new RunSpec("wild", "mnist", "dense", "xavier", false, "sgd", 1e9, 0.7, 0.9, 64, 1, 2000,
                "none", 1);
        RunRecord record = train(wild, TrainingListener.NONE);

        assertThat(record.status()).isEqualTo(RunStatus.DIVERGED);
        assertThat(record.message()).contains("diverged").contains("smaller learning rate");
    }

    @Test
    void cancelMidEpochLeavesAConsistentFolderThatIsListedAfterARestart() throws Exception {
        AtomicReference<TrainingJob> job = new AtomicReference<>();
        TrainingListener cancelAtBatch5OfEpoch2 = new TrainingListener() {
            @Override
            public void iteration(IterationProgress progress) {
                if (progress.epoch() == 2 && progress.batch() == 5) {
                    job.get().cancel();
                }
            }
        };
        RunRecord record;
        try (TrainingService service = new TrainingService(new RunStore(workspace.resolve("runs")), SMALL_DENSE)) {
            synchronized (job) {
                job.set(service.submit(spec(3, 1000, 1.0, 1), mnist, cancelAtBatch5OfEpoch2));
            }
            record = job.get().result().get(2, TimeUnit.MINUTES);
        }

        assertThat(record.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(record.epochs()).hasSize(1);
        RunStore afterRestart = new RunStore(workspace.resolve("runs"));
        List<RunStore.Entry> runs = afterRestart.list();
        assertThat(runs).singleElement().satisfies(entry -> {
            assertThat(entry.damaged()).isFalse();
            assertThat(entry.record().status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(entry.folder().resolve(RunStore.LAST)).isRegularFile();
        });
        try (var files = Files.list(runs.get(0).folder())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
        }
        String name = record.spec().name();
        assertThat(afterRestart.resolve(name)).isEqualTo(runs.get(0).folder());
        assertThat(afterRestart.resolve(runs.get(0).folder().getFileName().toString()))
                .isEqualTo(runs.get(0).folder());
        assertThatThrownBy(() -> afterRestart.resolve("no-such-run")).hasMessageContaining("no run 'no-such-run'");
    }

    @Test
    void damagedRunRecordIsListedAsDamaged() throws Exception {
        RunStore store = new RunStore(workspace.resolve("runs"));
        Path broken = store.createFolder("broken");
        Files.writeString(broken.resolve(RunStore.RECORD), "{\"schemaVersion\": 1, \"spec\": ");

        List<RunStore.Entry> runs = store.list();

        assertThat(runs).singleElement().satisfies(entry -> {
            assertThat(entry.damaged()).isTrue();
            assertThat(entry.damage()).contains("damaged run record").contains(broken.toString());
        });
    }
}
