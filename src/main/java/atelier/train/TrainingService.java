package atelier.train;

import atelier.data.LabelView;
import atelier.data.Split;
import atelier.nd4j.Nd4jSetup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place that trains. Jobs start in the order they were submitted, on background threads: one at a time by
 * default (the window), or several at once ({@link #TrainingService(RunStore, ModelFactory, int)}) where a study
 * or a search has independent runs to train. On a small machine several single-threaded runs side by side use the
 * cores better than one run with several threads (batch-64 convolutions scale poorly across threads), so whoever
 * asks for slots also sets ND4J's threads to the cores divided by the slots. The UI and the command line both go
 * through here, and watch runs through {@link TrainingListener}s.
 */
public final class TrainingService implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingService.class);

    private final RunStore store;
    private final java.util.List<String> queuedNames = new java.util.ArrayList<>();
    private final ModelFactory models;
    private final int slots;
    private final ExecutorService executor;

    public TrainingService(RunStore store, ModelFactory models) {
        this(store, models, 1);
    }

    /** A service that trains up to {@code slots} runs at once. */
    public TrainingService(RunStore store, ModelFactory models, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        this.store = store;
        this.models = models;
        this.slots = slots;
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        this.executor = Executors.newFixedThreadPool(slots, runnable -> {
            Thread thread = new Thread(runnable, slots == 1 ? "atelier-training"
                    : "atelier-training-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        if (Nd4jSetup.current() == null) {
            Nd4jSetup.configure();
        }
    }

    /** How many runs this service trains at once. */
    public int slots() {
        return slots;
    }

    /** ND4J threads per run when {@code slots} runs share the cores: the cores divided by the slots, at least 1. */
    public static int threadsPerSlot(int slots) {
        return Math.max(1, Nd4jSetup.defaultThreads() / Math.max(1, slots));
    }

    public RunStore store() {
        return store;
    }

    /** How this service builds models, for work that trains models of its own (cross-validation). */
    public ModelFactory models() {
        return models;
    }

    /**
     * Queues a run of {@code spec} on {@code data} (a dataset with its label journal, as it is now).
     */
    public TrainingJob submit(RunSpec spec, LabelView data, TrainingListener listener) {
        return submit(spec, data, () -> TrainingData.from(data, spec.limitTrain(), spec.seed()), listener);
    }

    /**
     * Queues a run on images the caller chose (an architecture search's train/validation partition); {@code data}
     * is built on the training thread when the run starts.
     */
    public TrainingJob submit(RunSpec spec, LabelView view, java.util.function.Supplier<TrainingData> data,
                              TrainingListener listener) {
        TrainingJob job = new TrainingJob(withUniqueName(spec, view));
        return enqueue(job, () -> run(job, view, data, listener));
    }

    /**
     * Queues the continuation of an interrupted, cancelled or failed run in its own folder: the model is restored
     * from last.zip (weights, optimizer state, learning-rate schedule) and trains the epochs the record lacks, on the
     * same images as before. {@code data} must be the run's dataset with its label journal.
     */
    public TrainingJob resume(Path folder, LabelView data, TrainingListener listener) {
        RunRecord record = RunStore.readCurrent(folder);
        if (!record.resumable()) {
            throw new IllegalArgumentException(record.id() + " cannot be resumed: it is "
                    + record.status().name().toLowerCase() + " with " + record.epochs().size() + " of "
                    + record.spec().epochs() + " epochs" + (record.status() == RunStatus.DIVERGED
                    ? " (it diverged: the same steps would diverge again; start a run with a smaller learning rate)"
                    : ""));
        }
        TrainingJob job = new TrainingJob(record.spec());
        return enqueue(job, () -> continueRun(job, folder, record, data, listener));
    }

    private TrainingJob enqueue(TrainingJob job, Runnable work) {
        synchronized (queuedNames) {
            queuedNames.add(job.spec().name());
        }
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } finally {
                    synchronized (queuedNames) {
                        queuedNames.remove(job.spec().name());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            job.failed(new IllegalStateException("the training service has stopped"));
        }
        return job;
    }

    /** The spec named (architecture-dataset when it has no name) so that no other run, queued or stored, has its name. */
    private RunSpec withUniqueName(RunSpec spec, LabelView data) {
        String wanted = spec.name() != null && !spec.name().isBlank() ? spec.name().trim()
                : spec.architecture() + "-" + data.dataset().name();
        synchronized (queuedNames) {
            return spec.withName(store.uniqueName(wanted, queuedNames));
        }
    }

    private void continueRun(TrainingJob job, Path folder, RunRecord record, LabelView view,
                             TrainingListener listener) {
        RunSpec spec = record.spec();
        try {
            threadsForThisSlot();
            if (job.control().isCancelled()) {
                throw new atelier.task.CancelledException();
            }
            Nd4j.getRandom().setSeed(spec.seed() + record.epochs().size());
            DatasetState before = record.data();
            TrainingData data = TrainingData.from(view, spec.limitTrain(), spec.seed(),
                    before == null ? Float.NaN : before.pixelMean(), before == null ? Float.NaN : before.pixelStd());
            if (before != null && before.trainImages() != data.trainSize()) {
                throw new IllegalStateException(record.id() + " trained on " + before.trainImages()
                        + " images, but the dataset with its label journal now gives " + data.trainSize()
                        + ": the labels changed since, so resuming would mix two datasets; start a new run");
            }
            var dataset = view.dataset();
            TrainableModel model = models.create(spec, dataset.channels(), dataset.height(), dataset.width(),
                    dataset.classCount());
            if (!record.epochs().isEmpty()) {
                model.restore(folder.resolve(RunStore.LAST), record.epochs().size());
            }
            LOG.info("resuming {} after epoch {}", folder.getFileName(), record.epochs().size());
            job.started(folder);
            RunRecord finished;
            try (data) {
                finished = new TrainingRun(folder, record.withStatus(RunStatus.RUNNING, null), data, model,
                        job.control(), listener).run();
            } finally {
                model.release();
            }
            job.finished(finished);
        } catch (java.io.IOException e) {
            job.failed(new java.io.UncheckedIOException(folder.resolve(RunStore.LAST) + ": cannot be restored ("
                    + e.getMessage() + ")", e));
        } catch (RuntimeException | Error e) {
            job.failed(e);
        }
    }

    private void run(TrainingJob job, LabelView view, java.util.function.Supplier<TrainingData> prepare,
                     TrainingListener listener) {
        RunSpec spec = job.spec();
        try {
            threadsForThisSlot();
            if (job.control().isCancelled()) {
                throw new atelier.task.CancelledException();
            }
            Nd4j.getRandom().setSeed(spec.seed());
            TrainingData data = prepare.get();
            var dataset = view.dataset();
            TrainableModel model = models.create(spec, dataset.channels(), dataset.height(), dataset.width(),
                    dataset.classCount());
            Path folder = store.createFolder(spec.name());
            RunRecord initial = new RunRecord(RunRecord.SCHEMA_VERSION, folder.getFileName().toString(),
                    Instant.now().toString(), RunStatus.RUNNING, null, spec, datasetState(spec, view, data),
                    RunEnvironment.current(Nd4jSetup.current().threads(),
                            "nd4j-native" + Nd4jSetup.current().extension()),
                    model.frozenLayers(), List.of(), 0, 0);
            job.started(folder);
            RunRecord finished;
            try (data) {
                finished = new TrainingRun(folder, initial, data, model, job.control(), listener).run();
            } finally {
                model.release();
            }
            job.finished(finished);
        } catch (atelier.task.CancelledException e) {
            job.failed(e);
        } catch (RuntimeException | Error e) {
            job.failed(e);
        }
    }

    /** OpenMP keeps its thread count per thread: a slot's thread takes the configured count, not the default. */
    private void threadsForThisSlot() {
        if (slots > 1) {
            Nd4jSetup.configure(Nd4jSetup.current().threads());
        }
    }

    private static DatasetState datasetState(RunSpec spec, LabelView view, TrainingData data) {
        var dataset = view.dataset();
        int relabelled = 0;
        for (int i = 0; i < dataset.train().size(); i++) {
            relabelled += view.isRelabelled(Split.TRAIN, i) ? 1 : 0;
        }
        Path journal = view.journal().file();
        return new DatasetState(spec.dataset(), dataset.name(), dataset.source().toAbsolutePath().normalize()
                .toString(), journal == null ? null : journal.toAbsolutePath().toString(),
                view.journal().activeEdits(), data.trainSize(), data.testSize(),
                view.journal().excluded(Split.TRAIN).size(), relabelled, data.mean(), data.std());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
