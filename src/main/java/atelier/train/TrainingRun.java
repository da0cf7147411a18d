package atelier.train;

import atelier.data.AtomicFiles;
import atelier.task.CancelledException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run from start to end, written to be read top to bottom (after pytorch/examples' mnist/main.py):
 * for every epoch, train on shuffled batches, then measure the whole test set, then checkpoint. The run folder is
 * consistent after every epoch and after a cancel: run.json, last.zip, best.zip and iterations.csv agree. A run
 * whose record already holds epochs (a resumed one) continues after them.
 */
public final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final int EVALUATION_BATCH = 1000;
    private static final long FLUSH_NANOS = 1_000_000_000L;
    private static final String ITERATIONS_HEADER = "iteration,epoch,batch,loss\n";

    private final Path folder;
    private final RunSpec spec;
    private final TrainingData data;
    private final TrainableModel model;
    private final TrainingControl control;
    private final TrainingListener listener;
    private final BatchPreparer batchPreparer;
    private RunRecord record;
    private long iterationsBefore;

    public TrainingRun(Path folder, RunRecord initial, TrainingData data, TrainableModel model,
                       TrainingControl control, TrainingListener listener) {
        this.folder = folder;
        this.record = initial;
        this.spec = initial.spec();
        this.data = data;
        this.model = model;
        this.control = control;
        this.listener = listener;
        this.batchPreparer = BatchPreparer.of(spec, data);
    }

    /**
     * Trains the epochs the record does not hold yet: all of them for a new run, the rest for a resumed one (whose
     * model was restored from last.zip). Holds the run's {@link RunLock} throughout, so that a process that dies
     * leaves a run that is listed as interrupted.
     */
    public RunRecord run() {
        try (RunLock lock = RunLock.acquire(folder)) {
            return trainRemainingEpochs();
        }
    }

    private RunRecord trainRemainingEpochs() {
        List<EpochMetrics> epochs = new ArrayList<>(record.epochs());
        int firstEpoch = epochs.size() + 1;
        record = record.withEpochs(epochs, RunStatus.RUNNING, null);
        RunStore.write(folder, record);
        listener.started(folder, record);
        long runStart = System.nanoTime();
        long imagesSeen = 0;
        long totalImages = (long) data.trainSize() * (spec.epochs() - firstEpoch + 1);
        long stepsPerEpoch = spec.stepsPerEpoch(data.trainSize());
        long totalSteps = stepsPerEpoch * spec.epochs();
        // parsed once: the loop asks it for every step's rate
        LearningRateSchedule schedule = spec.learningRateSchedule();
        double learningRate = Double.NaN;
        try (BufferedWriter iterations = openIterations(firstEpoch)) {
            long iteration = iterationsBefore;
            long lastFlush = System.nanoTime();
            for (int epoch = firstEpoch; epoch <= spec.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                long pausedAtEpochStart = control.pausedNanos();
                double lossSum = 0;
                long correct = 0;
                int seen = 0;
                List<TrainingData.Batch> batches = batchPreparer.epoch(epoch,
                        data.trainBatches(epoch, spec.batchSize(), spec.seed()));
                for (int b = 0; b < batches.size(); b++) {
                    control.checkpoint();
                    TrainingData.Batch batch = batches.get(b);
                    double stepRate = schedule.rate(spec.learningRate(), spec.gamma(), epoch,
                            (epoch - 1) * stepsPerEpoch + b, totalSteps);
                    if (stepRate != learningRate) {
                        model.setLearningRate(stepRate);
                        learningRate = stepRate;
                    }
                    TrainableModel.StepResult step = model.train(batch.features(), batch.labels());
                    batchPreparer.finished(batch);
                    if (!Double.isFinite(step.loss())) {
                        throw new DivergedException(epoch, b + 1, step.loss(), learningRate);
                    }
                    iteration++;
                    lossSum += step.loss() * batch.size();
                    correct += step.correct();
                    seen += batch.size();
                    imagesSeen += batch.size();
                    iterations.write(iteration + "," + epoch + "," + (b + 1) + "," + (float) step.loss() + "\n");
                    long now = System.nanoTime();
                    if (now - lastFlush > FLUSH_NANOS) {
                        // a crash loses at most a second of the loss curve, not the whole epoch's
                        iterations.flush();
                        lastFlush = now;
                    }
                    double elapsed = (now - runStart - control.pausedNanos()) / 1e9;
                    double rate = imagesSeen / Math.max(elapsed, 1e-9);
                    listener.iteration(new TrainingListener.IterationProgress(epoch, spec.epochs(), b + 1,
                            batches.size(), iteration, step.loss(), rate, (totalImages - imagesSeen) / rate));
                }
                double trainSeconds = trainingSeconds(epochStart, pausedAtEpochStart);
                listener.evaluating(epoch);
                double[] test = evaluate();
                double seconds = trainingSeconds(epochStart, pausedAtEpochStart);
                EpochMetrics metrics = new EpochMetrics(epoch, lossSum / seen, (double) correct / seen, test[0],
                        test[1], seconds, seen / trainSeconds, spec.learningRateOfEpoch(epoch, stepsPerEpoch));
                boolean best = epochs.stream().allMatch(e -> e.testAccuracy() < metrics.testAccuracy());
                iterations.flush();
                checkpoint(epoch, best);
                epochs.add(metrics);
                record = record.withEpochs(epochs, epoch == spec.epochs() ? RunStatus.COMPLETED : RunStatus.RUNNING,
                        null);
                RunStore.write(folder, record);
                LOG.info("{} epoch {}: train loss {} acc {}, test loss {} acc {}", folder.getFileName(), epoch,
                        metrics.trainLoss(), metrics.trainAccuracy(), metrics.testLoss(), metrics.testAccuracy());
                listener.epochFinished(metrics, record);
                model.finishEpoch();
            }
        } catch (CancelledException e) {
            record = record.withEpochs(epochs, RunStatus.CANCELLED, "cancelled during epoch " + (epochs.size() + 1)
                    + "; the checkpoints hold the last finished epoch");
        } catch (DivergedException e) {
            record = record.withEpochs(epochs, RunStatus.DIVERGED, e.getMessage());
        } catch (CheckpointException e) {
            LOG.error("run {}: {}", folder, e.getMessage());
            record = record.withEpochs(epochs, RunStatus.FAILED, e.getMessage());
        } catch (IOException e) {
            record = record.withEpochs(epochs, RunStatus.FAILED, folder + ": cannot be written (" + e.getMessage()
                    + ")");
        } catch (RuntimeException e) {
            LOG.error("run {} failed", folder, e);
            record = record.withEpochs(epochs, RunStatus.FAILED, e.getMessage() == null ? e.toString()
                    : e.getMessage());
        }
        RunStore.write(folder, record);
        listener.finished(record);
        return record;
    }

    private double trainingSeconds(long epochStart, long pausedAtEpochStart) {
        return (System.nanoTime() - epochStart - (control.pausedNanos() - pausedAtEpochStart)) / 1e9;
    }

    /**
     * iterations.csv, ready for this run's first new iteration: a new run starts it; a resumed run keeps the lines
     * of the epochs it holds and drops those of the epoch that was interrupted, so the curve has no gap and no
     * batch twice.
     */
    private BufferedWriter openIterations(int firstEpoch) throws IOException {
        Path file = folder.resolve(RunStore.ITERATIONS);
        iterationsBefore = 0;
        if (firstEpoch == 1 || !Files.isRegularFile(file)) {
            BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            writer.write(ITERATIONS_HEADER);
            return writer;
        }
        StringBuilder kept = new StringBuilder(ITERATIONS_HEADER);
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split(",");
            if (fields.length == 4 && !line.startsWith("iteration")) {
                try {
                    if (Integer.parseInt(fields[1]) < firstEpoch) {
                        kept.append(line).append('\n');
                        iterationsBefore = Long.parseLong(fields[0]);
                    }
                } catch (NumberFormatException torn) {
                    // the line a crash cut short: dropped with the rest of the interrupted epoch
                }
            }
        }
        AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Mean loss and accuracy over the whole test set. */
    private double[] evaluate() {
        double lossSum = 0;
        long correct = 0;
        for (TrainingData.Batch batch : data.testBatches(EVALUATION_BATCH)) {
            control.checkpoint();
            var probabilities = model.predict(batch.features());
            lossSum += Metrics.summedLoss(probabilities, batch.labels());
            correct += Metrics.correct(probabilities, batch.labels());
        }
        return new double[] {lossSum / data.testSize(), (double) correct / data.testSize()};
    }

    /**
     * Writes last.zip (and best.zip when this epoch is the best) for {@code epoch}: both go to temporary files
     * first and are renamed only when both are whole, so a full disk leaves the previous epoch's checkpoints, which
     * the record still matches.
     */
    private void checkpoint(int epoch, boolean best) {
        Path last = folder.resolve(RunStore.LAST);
        Path lastTemp = AtomicFiles.temporarySibling(last);
        Path bestTemp = best ? AtomicFiles.temporarySibling(folder.resolve(RunStore.BEST)) : null;
        try {
            model.save(lastTemp);
            if (best) {
                Files.copy(lastTemp, bestTemp);
            }
            AtomicFiles.move(lastTemp, last);
            if (best) {
                AtomicFiles.move(bestTemp, folder.resolve(RunStore.BEST));
            }
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(lastTemp);
            AtomicFiles.deleteQuietly(bestTemp);
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new CheckpointException("the checkpoint of epoch " + epoch + " could not be written to " + folder
                    + " (" + reason + "); the run stopped and keeps "
                    + (epoch == 1 ? "no checkpoint" : "the checkpoint of epoch " + (epoch - 1))
                    + ": free some disk space and resume it", e);
        }
    }

    /** A checkpoint that could not be written (a full disk, most often). */
    private static final class CheckpointException extends RuntimeException {
        CheckpointException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
