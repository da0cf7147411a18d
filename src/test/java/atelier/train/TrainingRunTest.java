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

    /** A model that does what another does; tests override what they break. */
    static class ForwardingModel implements TrainableModel {
        private final TrainableModel inner;

        ForwardingModel(TrainableModel inner) {
            this.inner = inner;
        }

        @Override
        public StepResult train(org.nd4j.linalg.api.ndarray.INDArray features,
                                org.nd4j.linalg.api.ndarray.INDArray labels) {
            return inner.train(features, labels);
        }

        @Override
        public org.nd4j.linalg.api.ndarray.INDArray predict(org.nd4j.linalg.api.ndarray.INDArray features) {
            return inner.predict(features);
        }

        @Override
        public void setLearningRate(double rate) {
            inner.setLearningRate(rate);
        }

        @Override
        public void finishEpoch() {
            inner.finishEpoch();
        }

        @Override
        public void save(Path file) throws java.io.IOException {
            inner.save(file);
        }

        @Override
        public void restore(Path checkpoint, int completedEpochs) throws java.io.IOException {
            inner.restore(checkpoint, completedEpochs);
        }

        @Override
        public List<String> frozenLayers() {
            return inner.frozenLayers();
        }

        @Override
        public long parameterCount() {
            return inner.parameterCount();
        }
    }

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

    /**
     * Trains and hands over, after every step, the learning rate the optimizer applied, read from the network being
     * trained (not from the spec).
     */
    private RunRecord trainReadingRates(RunSpec spec, java.util.function.BiConsumer<Integer, Double> epochAndRate)
            throws Exception {
        AtomicReference<MultiLayerNetwork> trained = new AtomicReference<>();
        ModelFactory capturing = (s, c, h, w, classes) -> {
            Dl4jTrainableModel model = (Dl4jTrainableModel) SMALL_DENSE.create(s, c, h, w, classes);
            trained.set((MultiLayerNetwork) model.network());
            return model;
        };
        TrainingListener rates = new TrainingListener() {
            @Override
            public void iteration(IterationProgress progress) {
                MultiLayerNetwork net = trained.get();
                epochAndRate.accept(progress.epoch(), net.getLayer(0).conf().getLayer().getUpdaterByParam("W")
                        .getLearningRate(net.getIterationCount(), net.getEpochCount()));
            }
        };
        try (TrainingService service = new TrainingService(new RunStore(workspace.resolve("runs")), capturing)) {
            return service.submit(spec, mnist, rates).result().get(2, TimeUnit.MINUTES);
        }
    }

    @Test
    void learningRateDecaysByGammaEachEpoch() throws Exception {
        java.util.Map<Integer, java.util.Set<Double>> applied = new java.util.TreeMap<>();
        RunRecord record = trainReadingRates(spec(3, 500, 0.5, 1), (epoch, rate) ->
                applied.computeIfAbsent(epoch, e -> new java.util.TreeSet<>()).add(rate));

        assertThat(record.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(applied.get(1)).singleElement().satisfies(r -> assertThat(r).isCloseTo(0.5, within(1e-9)));
        assertThat(applied.get(2)).singleElement().satisfies(r -> assertThat(r).isCloseTo(0.35, within(1e-9)));
        assertThat(applied.get(3)).singleElement().satisfies(r -> assertThat(r).isCloseTo(0.245, within(1e-9)));
    }

    @Test
    void aCosineScheduleMovesTheRateAfterEveryBatchAndEndsNearZero() throws Exception {
        List<Double> applied = new java.util.ArrayList<>();
        RunRecord record = trainReadingRates(spec(3, 500, 0.5, 1).withSchedule("cosine"),
                (epoch, rate) -> applied.add(rate));

        assertThat(record.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(record.spec().schedule()).isEqualTo("cosine");
        // 500 images in batches of 64: 8 steps an epoch, 24 in the run
        assertThat(applied).hasSize(24);
        for (int step = 0; step < 24; step++) {
            assertThat(applied.get(step)).as("step %d", step)
                    .isCloseTo(0.5 * (1 + Math.cos(Math.PI * step / 24)) / 2, within(1e-9));
        }
        // each epoch records the rate its first step trained at
        assertThat(record.epochs()).extracting(EpochMetrics::learningRate)
                .containsExactly(applied.get(0), applied.get(8), applied.get(16));
    }

    @Test
    void aResumedRunContinuesAsIfItHadNotStopped() throws Exception {
        // on the cosine schedule, whose rate moves every step: a resume must pick the curve up where it stopped
        RunSpec spec = spec(3, 1000, 1.0, 3).withSchedule("cosine");
        RunRecord straight = train(spec, TrainingListener.NONE);

        AtomicReference<TrainingJob> job = new AtomicReference<>();
        TrainingListener cancelInEpoch2 = new TrainingListener() {
            @Override
            public void iteration(IterationProgress progress) {
                if (progress.epoch() == 2 && progress.batch() == 3) {
                    synchronized (job) {
                        job.get().cancel();
                    }
                }
            }
        };
        RunRecord resumed;
        try (TrainingService service = new TrainingService(new RunStore(workspace.resolve("runs")), SMALL_DENSE)) {
            synchronized (job) {
                job.set(service.submit(spec, mnist, cancelInEpoch2));
            }
            RunRecord cancelled = job.get().result().get(2, TimeUnit.MINUTES);
            assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(cancelled.resumable()).isTrue();
            Path folder = job.get().folder();
            resumed = service.resume(folder, mnist, TrainingListener.NONE).result().get(2, TimeUnit.MINUTES);

            List<String> lines = Files.readAllLines(folder.resolve(RunStore.ITERATIONS));
            assertThat(lines).hasSize(1 + 3 * 16);
            for (int i = 1; i < lines.size(); i++) {
                assertThat(lines.get(i)).startsWith(i + ",");
            }
        }

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.spec().name()).isEqualTo("test-2");
        assertThat(resumed.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        assertThat(resumed.epochs()).extracting(EpochMetrics::learningRate)
                .containsExactlyElementsOf(straight.epochs().stream().map(EpochMetrics::learningRate).toList());
        for (int i = 0; i < 3; i++) {
            // same weights, optimizer state and learning rate after the restore: the same curve as without a stop
            // two runs with two BLAS threads differ at float level, and this barely trained network (about 57%
            // on the test set) amplifies that: seen in about one run of three, losses 1.9e-4 apart and test
            // accuracies 0.5723 against 0.5694. A resume from fresh weights would repeat epoch 1's loss, far
            // outside these bounds.
            assertThat(resumed.epochs().get(i).trainLoss()).isCloseTo(straight.epochs().get(i).trainLoss(),
                    within(2e-3));
            assertThat(resumed.epochs().get(i).testAccuracy()).isCloseTo(straight.epochs().get(i).testAccuracy(),
                    within(0.01));
        }
    }

    @Test
    void aFullDiskWhileCheckpointingKeepsThePreviousCheckpointAndStopsTheRun() throws Exception {
        AtomicReference<byte[]> afterEpoch1 = new AtomicReference<>();
        ModelFactory diskFullAtEpoch2 = (spec, c, h, w, classes) -> {
            TrainableModel model = SMALL_DENSE.create(spec, c, h, w, classes);
            return new ForwardingModel(model) {
                private int saves;

                @Override
                public void save(Path file) throws java.io.IOException {
                    if (++saves < 2) {
                        super.save(file);
                        return;
                    }
                    try (var out = Files.newOutputStream(file)) {
                        out.write(new byte[1000]);
                        throw new java.io.IOException("No space left on device");
                    }
                }
            };
        };
        TrainingListener keepEpoch1 = new TrainingListener() {
            @Override
            public void epochFinished(EpochMetrics metrics, RunRecord record) {
                try {
                    afterEpoch1.compareAndSet(null, Files.readAllBytes(workspace.resolve("runs")
                            .resolve(record.id()).resolve(RunStore.LAST)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        RunRecord record;
        Path folder;
        try (TrainingService service = new TrainingService(new RunStore(workspace.resolve("runs")),
                diskFullAtEpoch2)) {
            TrainingJob job = service.submit(spec(3, 500, 1.0, 1), mnist, keepEpoch1);
            record = job.result().get(2, TimeUnit.MINUTES);
            folder = job.folder();
        }

        assertThat(record.status()).isEqualTo(RunStatus.FAILED);
        assertThat(record.message()).contains("No space left on device").contains("epoch 2")
                .contains("keeps the checkpoint of epoch 1");
        assertThat(record.epochs()).hasSize(1);
        assertThat(RunStore.read(folder)).isEqualTo(record);
        assertThat(Files.readAllBytes(folder.resolve(RunStore.LAST))).isEqualTo(afterEpoch1.get());
        assertThat(Files.readAllBytes(folder.resolve(RunStore.BEST))).isEqualTo(afterEpoch1.get());
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
        }
        assertThat(record.resumable()).isTrue();
    }

    @Test
    void aRunWhoseProcessIsGoneIsListedAsInterrupted() throws Exception {
        RunStore store = new RunStore(workspace.resolve("runs"));
        RunRecord done = train(spec(1, 500, 1.0, 1), TrainingListener.NONE);
        Path folder = store.resolve(done.id());
        RunStore.write(folder, done.withStatus(RunStatus.RUNNING, null));

        RunRecord listed = store.list().get(0).record();
        assertThat(listed.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(listed.message()).contains("interrupted during epoch 2");

        try (RunLock held = RunLock.acquire(folder)) {
            assertThat(store.list().get(0).record().status()).as("while a process trains it").isEqualTo(
                    RunStatus.RUNNING);
        }
    }

    @Test
    void aPauseIsNotCountedAsTrainingTime() throws Exception {
        AtomicReference<TrainingJob> job = new AtomicReference<>();
        long pauseMillis = 1500;
        TrainingListener pauseOnce = new TrainingListener() {
            @Override
            public void iteration(IterationProgress progress) {
                if (progress.batch() == 2) {
                    TrainingJob running;
                    synchronized (job) {
                        running = job.get();
                    }
                    running.pause();
                    new Thread(() -> {
                        try {
                            Thread.sleep(pauseMillis);
                        } catch (InterruptedException ignored) {
                            Thread.currentThread().interrupt();
                        }
                        running.resume();
                    }).start();
                }
            }
        };
        RunRecord record;
        long wall;
        try (TrainingService service = new TrainingService(new RunStore(workspace.resolve("runs")), SMALL_DENSE)) {
            long start = System.nanoTime();
            synchronized (job) {
                job.set(service.submit(spec(1, 500, 1.0, 1), mnist, pauseOnce));
            }
            record = job.get().result().get(2, TimeUnit.MINUTES);
            wall = (System.nanoTime() - start) / 1_000_000;
        }

        assertThat(record.status()).isEqualTo(RunStatus.COMPLETED);
        // the epoch took the whole wall time but the pause; its images/s are those of the training, not the wait
        assertThat(record.epochs().get(0).seconds() * 1000).isLessThan(wall - pauseMillis + 100);
        assertThat(record.epochs().get(0).imagesPerSecond()).isGreaterThan(500 / ((wall - pauseMillis + 100) / 1000.0));
    }

    @Test
    void aNameThatIsTakenGetsANumberSoThatItNamesOneRun() throws Exception {
        RunRecord first = train(spec(1, 300, 1.0, 1), TrainingListener.NONE);
        RunRecord second = train(spec(1, 300, 1.0, 1), TrainingListener.NONE);

        assertThat(first.spec().name()).isEqualTo("test");
        assertThat(second.spec().name()).isEqualTo("test-2");
        RunStore store = new RunStore(workspace.resolve("runs"));
        assertThat(store.resolve("test-2").getFileName().toString()).isEqualTo(second.id());
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
