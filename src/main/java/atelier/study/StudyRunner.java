package atelier.study;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.model.ModelException;
import atelier.task.CancelledException;
import atelier.task.Progress;
import atelier.train.RunRecord;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingJob;
import atelier.train.TrainingListener;
import atelier.train.TrainingService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a study's steps in order, each training step as an ordinary run queued on the one {@link TrainingService},
 * saving the state after every change so that a study survives quitting and kill -9: finished steps are kept, and
 * {@link #run} on a study that was interrupted goes on from the first unfinished step.
 *
 * <p>An interrupted run (stopped, quit, kill -9) is continued in its own folder from its last checkpoint with
 * {@link TrainingService#resume}, so an interruption loses at most the epoch that was under way; only a run that
 * cannot be continued (its folder or record is gone or damaged, or it diverged) is trained again from the start,
 * and the step records the abandoned folder. Datasets are used as published (an empty in-memory label journal) so
 * that a sheet means the same on
 * every machine; a cleaning step excludes images in the study's own journal, never in the user's.
 */
public final class StudyRunner {
    private static final int FULL_TRAINING_SET = 60_000;
    /** How earlier builds, which recorded augmentation without applying it, skipped an augmentation case. */
    private static final String OLD_AUGMENTATION_SKIP = "not run: this build records the augmentation recipe";

    private final StudyStore store;
    private final TrainingService training;
    private final StudyListener listener;
    private final Progress loading;
    private final Map<String, LabelView> datasets = new HashMap<>();
    private final StepWork work;
    private final java.util.Set<TrainingJob> current = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Images seen and images per second of each training step under way, by step key (for the study's ETA). */
    private final Map<String, double[]> live = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean paused;
    private volatile boolean cancelled;
    private volatile StudyState state;

    public StudyRunner(StudyStore store, TrainingService training, StudyListener listener, Progress loading) {
        this.store = store;
        this.training = training;
        this.listener = listener;
        this.loading = loading;
        this.work = new StepWork(store, this::dataset);
    }

    /**
     * Runs (or resumes) the study to its end and returns its final state; throws StudyCancelledException if stopped.
     * Steps start in the plan's order, as many at once as the training service has slots, each as soon as the
     * steps it needs have ended and every earlier step that is not a training run (a dataset it may read, a
     * cleaning it may use) has ended too.
     */
    public StudyState run(String name) {
        StudyPlan plan = store.plan(name);
        store.lock(name);
        ExecutorService pool = Executors.newFixedThreadPool(training.slots(), runnable -> {
            Thread thread = new Thread(runnable, "atelier-study-" + name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            state = recover(plan, store.state(name));
            store.save(name, state);
            List<StudyStep> steps = plan.steps();
            ExecutorCompletionService<Integer> ended = new ExecutorCompletionService<>(pool);
            java.util.Set<Integer> running = new java.util.HashSet<>();
            java.util.concurrent.atomic.AtomicReference<Throwable> broken =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Throwable failure = null;
            boolean interrupted = false;
            while (true) {
                if (!cancelled && failure == null) {
                    for (int i = 0; i < steps.size() && running.size() < training.slots(); i++) {
                        if (!running.contains(i) && !state.step(steps.get(i).key()).status().isFinal()
                                && ready(steps, i, running)) {
                            int index = i;
                            StudyStep step = steps.get(i);
                            running.add(i);
                            listener.stepStarted(i, steps.size(), step);
                            ended.submit(() -> {
                                try {
                                    StepState result = execute(plan, index, step);
                                    update(name, step.key(), result);
                                    if (result.message() != null) {
                                        listener.message(step.title() + ": " + result.message());
                                    }
                                    listener.stepFinished(step, result);
                                } catch (RuntimeException | Error e) {
                                    broken.compareAndSet(null, e);
                                    cancel();
                                }
                                return index;
                            });
                        }
                    }
                }
                if (running.isEmpty()) {
                    break;
                }
                try {
                    running.remove(ended.take().get());
                } catch (InterruptedException e) {
                    // stop the steps under way and wait for them, so that their state is saved
                    interrupted = true;
                    cancel();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a study step ended without saying how", e.getCause());
                }
                failure = broken.get();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw (RuntimeException) failure;
            }
            if (cancelled) {
                throw new StudyCancelledException(name);
            }
            return state;
        } finally {
            pool.shutdownNow();
            store.unlock(name);
        }
    }

    /** Whether step {@code i} may start: what it names has ended, and so has every earlier step that does not train. */
    private boolean ready(List<StudyStep> steps, int i, java.util.Set<Integer> running) {
        StudyStep step = steps.get(i);
        for (String key : java.util.Arrays.asList(step.initFrom(), step.cleanedBy(), step.of())) {
            // a step the plan lacks never comes: the step starts, and says it was skipped for want of it
            int needed = key == null ? -1 : java.util.stream.IntStream.range(0, steps.size())
                    .filter(k -> steps.get(k).key().equals(key)).findFirst().orElse(-1);
            // a needed step still counts as running until its worker has told the listener it finished, so that
            // its end is always reported before the start of the steps that wait for it
            if (needed >= 0 && (running.contains(needed) || !state.step(key).status().isFinal())) {
                return false;
            }
        }
        for (int k = 0; k < i; k++) {
            StudyStep earlier = steps.get(k);
            boolean unfinished = running.contains(k) || !state.step(earlier.key()).status().isFinal();
            if (unfinished && (!earlier.trains() || !step.trains())) {
                return false;
            }
        }
        return true;
    }

    public void pause() {
        paused = true;
        current.forEach(TrainingJob::pause);
    }

    public void resume() {
        paused = false;
        current.forEach(TrainingJob::resume);
    }

    /** Stops within one batch; the interrupted run is continued from its last checkpoint when the study resumes. */
    public void cancel() {
        cancelled = true;
        current.forEach(TrainingJob::cancel);
    }

    /** A step left RUNNING was interrupted: kept if its run had in fact completed, else continued when it runs. */
    private StudyState recover(StudyPlan plan, StudyState saved) {
        StudyState recovered = saved;
        for (StudyStep step : plan.steps()) {
            StepState s = saved.step(step.key());
            if (s.status() == StepStatus.SKIPPED && s.message() != null
                    && s.message().startsWith(OLD_AUGMENTATION_SKIP)) {
                // a study begun before training applied augmentation: its augmentation case can train now
                recovered = recovered.with(step.key(), StepState.pending());
                continue;
            }
            if (s.status() != StepStatus.RUNNING) {
                recovered = recovered.with(step.key(), s);
                continue;
            }
            RunRecord record = s.run() == null ? null : readRun(s.run());
            if (record != null && record.status() == RunStatus.COMPLETED) {
                recovered = recovered.with(step.key(), s.ended(StepStatus.DONE, bestSentence(record)));
            } else {
                recovered = recovered.with(step.key(), s.interrupted(s.message()));
            }
        }
        return recovered;
    }

    private StepState execute(StudyPlan plan, int index, StudyStep step) {
        StepState s = state.step(step.key());
        try {
            return switch (step.kind()) {
                case TRAIN -> train(plan, index, step, s);
                case PRETRAINED_VGG16 -> pretrainedVgg16(plan, index, step, s);
                case RUN -> work.existingRun(step, s, training.store());
                case CONFUSION -> work.confusion(plan, step, s, dependency(step.of()), training.store());
                case CLEAN -> work.clean(plan, step, s, dependency(step.of()), training.store());
                case REFUSAL -> work.refusal(step, s);
                case MISLABELLED_DATA -> work.mislabelledData(step, s, loading);
            };
        } catch (StepWork.Skip skip) {
            return s.ended(StepStatus.SKIPPED, skip.getMessage());
        } catch (CancelledException e) {
            cancelled = true;
            StepState now = state.step(step.key());
            return now.interrupted(now.message());
        } catch (RuntimeException e) {
            return s.ended(StepStatus.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private StepState train(StudyPlan plan, int index, StudyStep step, StepState s) {
        RunSpec spec = step.spec();
        if (step.initFrom() != null) {
            spec = withInit(spec, "checkpoint:" + work.checkpointOf(dependency(step.initFrom()), step.initFrom(),
                    training.store()));
        }
        Path journal = null;
        if (step.cleanedBy() != null) {
            dependency(step.cleanedBy());
            journal = store.journal(plan.name(), step.cleanedBy());
        }
        return trainSpec(plan, index, step, s, spec.withName(plan.name() + "-" + step.key()), journal, null);
    }

    private StepState pretrainedVgg16(StudyPlan plan, int index, StudyStep step, StepState s) {
        try {
            return work.imageNet(plan, step, s);
        } catch (ModelException unavailable) {
            String why = "ImageNet weights were not available (" + unavailable.getMessage() + "). Instead, VGG16 "
                    + "was pretrained by Atelier on " + step.spec().dataset() + " at 32x32 ("
                    + step.spec().epochs() + (step.spec().epochs() == 1 ? " epoch" : " epochs")
                    + "), and the pretrained run starts from that run's best epoch.";
            listener.message(step.title() + ": " + why);
            return trainSpec(plan, index, step, s, step.spec().withName(plan.name() + "-" + step.key()), null, why);
        }
    }

    private StepState trainSpec(StudyPlan plan, int index, StudyStep step, StepState s, RunSpec spec,
                                Path journal, String note) {
        LabelView view = dataset(spec.dataset(), journal);
        String continued = null;
        TrainingJob job;
        TrainingListener progress = new TrainingListener() {
            @Override
            public void started(Path runFolder, RunRecord record) {
                update(plan.name(), step.key(), state.step(step.key()).running(runFolder.getFileName().toString()));
            }

            @Override
            public void iteration(IterationProgress p) {
                double rate = Math.max(p.imagesPerSecond(), 1e-9);
                live.put(step.key(), new double[] {Math.max(0, imagesOf(spec) - p.secondsLeft() * rate), rate});
                listener.progress(studyProgress(plan, index, step, p));
            }

            @Override
            public void epochFinished(atelier.train.EpochMetrics m, RunRecord record) {
                listener.message(String.format("%s epoch %d: train loss %.4f acc %.2f%%, test loss %.4f acc %.2f%%, "
                        + "%.0f s", step.title(), m.epoch(), m.trainLoss(), 100 * m.trainAccuracy(), m.testLoss(),
                        100 * m.testAccuracy(), m.seconds()));
            }
        };
        RunRecord earlier = s.run() == null ? null : readCurrentRun(s.run());
        if (earlier != null && earlier.resumable()) {
            int epochs = earlier.epochs().size();
            continued = "continued: run " + earlier.id() + " was interrupted after " + epochs + " finished epoch"
                    + (epochs == 1 ? "" : "s") + " and went on from " + (epochs == 0 ? "its start"
                    : "its checkpoint of epoch " + epochs) + " in the same folder";
            listener.message(step.title() + ": " + continued);
            job = training.resume(training.store().root().resolve(s.run()), view, progress);
        } else {
            if (s.run() != null) {
                // the earlier run cannot be continued (gone, damaged, diverged): say so and train afresh
                s = s.restarted().withMessage("restarted: run " + s.run() + " could not be continued ("
                        + (earlier == null ? "its record is missing or damaged" : earlier.status().name()
                        .toLowerCase() + " with " + earlier.epochs().size() + " epochs") + ")");
                update(plan.name(), step.key(), s);
            }
            job = training.submit(spec, view, progress);
        }
        current.add(job);
        if (paused) {
            job.pause();
        }
        if (cancelled) {
            job.cancel();
        }
        RunRecord record;
        try {
            record = job.result().get();
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CancelledException) {
                throw (CancelledException) cause;
            }
            throw new IllegalStateException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } finally {
            current.remove(job);
            live.remove(step.key());
        }
        StepState running = state.step(step.key());
        if (record.status() == RunStatus.CANCELLED) {
            throw new CancelledException();
        }
        if (record.status() != RunStatus.COMPLETED) {
            return running.ended(StepStatus.FAILED, "run " + record.id() + " " + record.status().name()
                    .toLowerCase() + (record.message() != null ? ": " + record.message() : ""));
        }
        String done = bestSentence(record);
        // a continued or restarted run keeps saying so: its results came from more than one try
        String before = continued != null ? continued + ". "
                : running.message() != null && running.message().startsWith("restarted") ? running.message() + ". "
                : "";
        return running.ended(StepStatus.DONE, before + (note == null ? done : note + " " + done));
    }

    /**
     * Where the whole study stands: images seen by finished and running steps against all the study's training
     * images, and the time left at the running steps' combined speed.
     */
    private StudyListener.Progress studyProgress(StudyPlan plan, int index, StudyStep step,
                                                 TrainingListener.IterationProgress p) {
        double seen = 0;
        double left = 0;
        double rate = 0;
        for (StudyStep s : plan.steps()) {
            if (!s.trains()) {
                continue;
            }
            StepState at = state.step(s.key());
            double[] running = live.get(s.key());
            if (running != null) {
                seen += running[0];
                left += Math.max(0, imagesOf(s.spec()) - running[0]);
                rate += running[1];
            } else if (at.status() == StepStatus.DONE && at.run() != null) {
                seen += imagesOf(s.spec());
            } else if (!at.status().isFinal()) {
                left += imagesOf(s.spec());
            }
        }
        return new StudyListener.Progress(index + 1, plan.steps().size(), step.title(), p,
                Math.max(0, Math.min(1, seen / Math.max(seen + left, 1))), left / Math.max(rate, 1e-9));
    }

    private static long imagesOf(RunSpec spec) {
        return (long) (spec.limitTrain() > 0 ? spec.limitTrain() : FULL_TRAINING_SET) * spec.epochs();
    }

    /** The state of a step another step needs; skips the dependent step unless it is done. */
    private StepState dependency(String key) {
        StepState s = state.step(key);
        if (s.status() != StepStatus.DONE) {
            throw new StepWork.Skip("not run: it needs step " + key + ", which "
                    + (s.status() == StepStatus.PENDING ? "has not run" : "was " + s.status().name().toLowerCase()
                    + (s.message() != null ? " (" + s.message() + ")" : "")));
        }
        return s;
    }

    /** The dataset as published, or with a study journal's exclusions; loaded once per study run. */
    private synchronized LabelView dataset(String spec, Path journal) {
        String key = spec + "|" + journal;
        LabelView cached = datasets.get(key);
        if (cached != null) {
            return cached;
        }
        Dataset base = datasets.values().stream().map(LabelView::dataset)
                .filter(d -> d.source().toAbsolutePath().normalize().equals(DatasetLoader.resolve(spec)
                        .toAbsolutePath().normalize())).findFirst()
                .orElseGet(() -> DatasetLoader.load(spec, loading));
        LabelView view = new LabelView(base, journal == null ? LabelJournal.inMemory() : LabelJournal.open(journal));
        datasets.put(key, view);
        return view;
    }

    private synchronized void update(String name, String key, StepState s) {
        state = state.with(key, s);
        store.save(name, state);
    }

    private RunRecord readRun(String folderName) {
        Path folder = training.store().root().resolve(folderName);
        if (!Files.isRegularFile(folder.resolve(RunStore.RECORD))) {
            return null;
        }
        try {
            return RunStore.read(folder);
        } catch (RuntimeException damaged) {
            return null;
        }
    }

    /** The run's record as it stands now (a run left RUNNING by a dead process reads as interrupted), or null. */
    private RunRecord readCurrentRun(String folderName) {
        Path folder = training.store().root().resolve(folderName);
        if (!Files.isRegularFile(folder.resolve(RunStore.RECORD))) {
            return null;
        }
        try {
            return RunStore.readCurrent(folder);
        } catch (RuntimeException damaged) {
            return null;
        }
    }

    static String bestSentence(RunRecord record) {
        return String.format("run %s: best test accuracy %.2f%% at epoch %d of %d.", record.id(),
                100 * record.bestTestAccuracy(), record.bestEpoch(), record.epochs().size());
    }

    private static RunSpec withInit(RunSpec spec, String init) {
        return new RunSpec(spec.name(), spec.dataset(), spec.architecture(), init, spec.freezeAllButLast(),
                spec.optimizer(), spec.learningRate(), spec.gamma(), spec.momentum(), spec.batchSize(), spec.epochs(),
                spec.limitTrain(), spec.augmentation(), spec.seed(), spec.resize(), spec.layers(), spec.schedule());
    }
}
