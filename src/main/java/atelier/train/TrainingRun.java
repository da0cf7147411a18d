package atelier.train;

import atelier.data.AtomicFiles;
import atelier.task.CancelledException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run from start to end, written to be read top to bottom (after pytorch/examples' mnist/main.py):
 * for every epoch, train on shuffled batches, then measure the whole test set, then checkpoint. The run folder is
 * consistent after every epoch and after a cancel: run.json, last.zip, best.zip and iterations.csv agree.
 */
public final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final int EVALUATION_BATCH = 1000;

    private final Path folder;
    private final RunSpec spec;
    private final TrainingData data;
    private final TrainableModel model;
    private final TrainingControl control;
    private final TrainingListener listener;
    private final BatchPreparer batchPreparer;
    private RunRecord record;

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

    public RunRecord run() {
        List<EpochMetrics> epochs = new ArrayList<>();
        record = record.withEpochs(epochs, RunStatus.RUNNING, null);
        RunStore.write(folder, record);
        listener.started(folder, record);
        long iteration = 0;
        long runStart = System.nanoTime();
        long imagesSeen = 0;
        long totalImages = (long) data.trainSize() * spec.epochs();
        try (BufferedWriter iterations = Files.newBufferedWriter(folder.resolve(RunStore.ITERATIONS),
                StandardCharsets.UTF_8)) {
            iterations.write("iteration,epoch,batch,loss\n");
            for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                double lossSum = 0;
                long correct = 0;
                int seen = 0;
                List<TrainingData.Batch> batches = batchPreparer.epoch(epoch,
                        data.trainBatches(epoch, spec.batchSize(), spec.seed()));
                for (int b = 0; b < batches.size(); b++) {
                    control.checkpoint();
                    TrainingData.Batch batch = batches.get(b);
                    TrainableModel.StepResult step = model.train(batch.features(), batch.labels());
                    if (!Double.isFinite(step.loss())) {
                        throw new DivergedException(epoch, b + 1, step.loss(), spec.learningRateAt(epoch));
                    }
                    iteration++;
                    lossSum += step.loss() * batch.size();
                    correct += step.correct();
                    seen += batch.size();
                    imagesSeen += batch.size();
                    iterations.write(iteration + "," + epoch + "," + (b + 1) + "," + (float) step.loss() + "\n");
                    double elapsed = (System.nanoTime() - runStart) / 1e9;
                    double rate = imagesSeen / Math.max(elapsed, 1e-9);
                    listener.iteration(new TrainingListener.IterationProgress(epoch, spec.epochs(), b + 1,
                            batches.size(), iteration, step.loss(), rate, (totalImages - imagesSeen) / rate));
                }
                double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
                listener.evaluating(epoch);
                double[] test = evaluate();
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                EpochMetrics metrics = new EpochMetrics(epoch, lossSum / seen, (double) correct / seen, test[0],
                        test[1], seconds, seen / trainSeconds, spec.learningRateAt(epoch));
                epochs.add(metrics);
                iterations.flush();
                boolean best = epochs.stream().allMatch(e -> e == metrics || e.testAccuracy() < metrics.testAccuracy());
                checkpoint(RunStore.LAST);
                if (best) {
                    checkpoint(RunStore.BEST);
                }
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

    private void checkpoint(String name) {
        Path target = folder.resolve(name);
        Path temp = AtomicFiles.temporarySibling(target);
        try {
            model.save(temp);
            AtomicFiles.move(temp, target);
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(temp);
            throw new UncheckedIOException(target + ": checkpoint not written (" + e.getMessage() + ")", e);
        }
    }
}
