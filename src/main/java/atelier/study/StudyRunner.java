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
    private volatile TrainingJob current;
    private volatile boolean paused;
    private volatile boolean cancelled;
    private StudyState state;

    public StudyRunner(StudyStore store, TrainingService training, StudyListener listener, Progress loading) {
        this.store = store;
        this.training = training;
        this.listener = listener;
        this.loading = loading;
        this.work = new StepWork(store, this::dataset);
    }

    /** Runs (or resumes) the study to its end and returns its final state; throws StudyCancelledException if stopped. */
    public StudyState run(String name) {
        StudyPlan plan = store.plan(name);
        store.lock(name);
        try {
            state = recover(plan, store.state(name));
            store.save(name, state);
            List<StudyStep> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                StudyStep step = steps.get(i);
                if (state.step(step.key()).status().isFinal()) {
                    continue;
                }
                if (cancelled) {
                    throw new StudyCancelledException(name);
                }
                listener.stepStarted(i, steps.size(), step);
                StepState ended = execute(plan, i, step);
                update(name, step.key(), ended);
                if (ended.message() != null) {
                    listener.message(step.title() + ": " + ended.message());
                }
                listener.stepFinished(step, ended);
                if (cancelled) {
                    throw new StudyCancelledException(name);
                }
            }
            return state;
        } finally {
            store.unlock(name);
        }
    }

    public void pause() {
        paused = true;
        TrainingJob job = current;
        if (job != null) {
            job.pause();
        }
    }

    public void resume() {
        paused = false;
        TrainingJob job = current;
        if (job != null) {
            job.resume();
        }
    }

    /** Stops within one batch; the interrupted run is continued from its last checkpoint when the study resumes. */
    public void cancel() {
        cancelled = true;
        TrainingJob job = current;
        if (job != null) {
            job.cancel();
        }
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
                    + step.spec().epochs() + " epochs), and the pretrained run starts from that run's best epoch.";
            listener.message(step.title() + ": " + why);
            return trainSpec(plan, index, step, s, step.spec().withName(plan.name() + "-" + step.key()), null, why);
        }
    }

    private StepState trainSpec(StudyPlan plan, int index, StudyStep step, StepState s, RunSpec spec,
                                Path journal, String note) {
        LabelView view = dataset(spec.dataset(), journal);
        long remainingAfter = remainingImages(plan, index);
        long finishedBefore = finishedImages(plan, index);
        long studyTotal = finishedBefore + imagesOf(spec) + remainingAfter;
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
                long runImages = imagesOf(spec);
                double runDone = Math.max(0, runImages - p.secondsLeft() * rate);
                double done = finishedBefore + runDone;
                listener.progress(new StudyListener.Progress(index + 1, plan.steps().size(), step.title(), p,
                        Math.max(0, Math.min(1, done / Math.max(studyTotal, 1))),
                        p.secondsLeft() + remainingAfter / rate));
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
        current = job;
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
            current = null;
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

    /** Training images still to be seen from the step after {@code index} on (all of them for -1). */
    private long remainingImages(StudyPlan plan, int index) {
        long images = 0;
        for (int i = index + 1; i < plan.steps().size(); i++) {
            StudyStep step = plan.steps().get(i);
            if (step.trains() && !state.step(step.key()).status().isFinal()) {
                images += imagesOf(step.spec());
            }
        }
        return images;
    }

    /** Training images of the steps before {@code index} that trained to the end. */
    private long finishedImages(StudyPlan plan, int index) {
        long images = 0;
        for (int i = 0; i < index; i++) {
            StudyStep step = plan.steps().get(i);
            if (step.trains() && state.step(step.key()).status() == StepStatus.DONE
                    && state.step(step.key()).run() != null) {
                images += imagesOf(step.spec());
            }
        }
        return images;
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
    private LabelView dataset(String spec, Path journal) {
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
                spec.limitTrain(), spec.augmentation(), spec.seed(), spec.resize(), spec.layers());
    }
}
