package atelier.analysis;

import atelier.data.LabelView;
import atelier.data.Split;
import atelier.task.Progress;
import atelier.train.ModelFactory;
import atelier.train.RunSpec;
import atelier.train.TrainableModel;
import atelier.train.RunRecord;
import atelier.train.RunStatus;
import atelier.train.TrainingControl;
import atelier.train.TrainingData;
import atelier.train.TrainingListener;
import atelier.train.TrainingRun;
import atelier.task.CancelledException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finds label errors from out-of-sample predictions, after the confident-learning idea (Northcutt et al.): every
 * training image is predicted by a model that never saw it (k-fold cross-validation); a class's confidence
 * threshold is the mean probability the models give that class on images labelled with it; an image is flagged
 * when another class reaches its own threshold and beats the image's label. The ranking orders every image by the
 * out-of-sample probability of its label, lowest first (cleanlab's "self-confidence"); on mislabelled MNIST it put
 * more flips in the top 100 than the margin over the best other class, or than listing the flagged images first
 * (the class thresholds miss a few flips whose true class the models found only fairly likely). It reads only the dataset and
 * its label journal, never a truth file.
 */
public final class CrossValidatedDetector {
    private CrossValidatedDetector() {
    }

    /** A ranked image; {@code flagged} when confident learning calls it a label error. */
    public record Finding(LossRanking.Item item, boolean flagged, double margin) {
    }

    public record Result(List<Finding> ranking, double[] thresholds, int flaggedCount) {
    }

    /**
     * What a detection costs: every fold model trains on (folds - 1)/folds of the images for the run's epochs.
     *
     * @param images the training images taking part (the run's {@code limitTrain} applied)
     */
    public record Cost(int folds, int images, int epochs, long trainingImages) {
        /** One line for the user before the work starts. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%d folds x %,d images x %d epoch%s: %,d training images "
                            + "and %,d predictions", folds, images, epochs, epochs == 1 ? "" : "s", trainingImages,
                    (long) images * epochs);
        }
    }

    /** The images a detection ranks: the usable training images, limited as the run's {@code limitTrain} says. */
    static int[] participants(LabelView view, RunSpec spec) {
        int[] usable = TrainingData.usableTrainingImages(view);
        if (spec.limitTrain() > 0 && spec.limitTrain() < usable.length) {
            shuffle(usable, new Random(spec.seed()));
            usable = Arrays.copyOf(usable, spec.limitTrain());
            Arrays.sort(usable);
        }
        return usable;
    }

    public static Cost cost(LabelView view, RunSpec spec, int folds) {
        int images = participants(view, spec).length;
        long perFold = (long) images * (folds - 1) / folds;
        return new Cost(folds, images, spec.epochs(), perFold * folds * spec.epochs());
    }

    /**
     * Trains {@code folds} models through the training loop of a run ({@link TrainingRun}: the same steps, the
     * same stop on a diverging loss), each in a scratch folder that is deleted afterwards, and ranks the images by
     * what the model that did not see them predicts. The first progress message states the cost.
     */
    public static Result run(LabelView view, RunSpec spec, int folds, ModelFactory models, Progress progress) {
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2, not " + folds);
        }
        int[] usable = participants(view, spec);
        if (usable.length < folds) {
            throw new IllegalArgumentException(usable.length + " images cannot be split into " + folds + " folds");
        }
        int[] order = usable.clone();
        shuffle(order, new Random(spec.seed()));
        int classes = view.dataset().classCount();
        int[] labels = new int[usable.length];
        float[][] probabilities = new float[usable.length][];
        int[] indices = new int[usable.length];
        int filled = 0;
        var dataset = view.dataset();
        Cost cost = cost(view, spec, folds);
        // progress counts batches; every fold trains on about (folds - 1) / folds of the images
        long batchesPerEpoch = ((long) usable.length * (folds - 1) / folds + spec.batchSize() - 1) / spec.batchSize();
        long totalBatches = (long) folds * spec.epochs() * batchesPerEpoch;
        progress.update("Finding label errors: " + cost.describe(), 0, totalBatches);
        long[] done = {0};
        long start = System.nanoTime();
        for (int fold = 0; fold < folds; fold++) {
            int from = (int) ((long) fold * order.length / folds);
            int to = (int) ((long) (fold + 1) * order.length / folds);
            int[] heldOut = Arrays.copyOfRange(order, from, to);
            int[] learnFrom = new int[order.length - heldOut.length];
            System.arraycopy(order, 0, learnFrom, 0, from);
            System.arraycopy(order, to, learnFrom, from, order.length - to);
            Arrays.sort(heldOut);
            Arrays.sort(learnFrom);
            TrainingData data = TrainingData.fold(view, learnFrom, heldOut);
            Nd4j.getRandom().setSeed(spec.seed() + fold);
            RunSpec foldSpec = spec.withName("fold-" + (fold + 1));
            TrainableModel model = models.create(foldSpec, dataset.channels(), dataset.height(), dataset.width(),
                    classes);
            trainFold(fold, folds, foldSpec, data, model, progress, done, totalBatches, start);
            Predictions predicted = Predictions.of(model, data.testBatches(1000));
            for (int i = 0; i < predicted.size(); i++) {
                indices[filled] = predicted.indices()[i];
                labels[filled] = predicted.labels()[i];
                probabilities[filled] = predicted.probabilities()[i];
                filled++;
            }
            progress.update(String.format("Fold %d/%d predicted its held-out images", fold + 1, folds),
                    fold + 1 == folds ? totalBatches : Math.min(done[0], totalBatches), totalBatches);
        }
        return rank(new Predictions(indices, labels, probabilities), view, classes);
    }

    /** One fold model through a run's loop, in a scratch folder; a diverged, failed or cancelled run ends it all. */
    private static void trainFold(int fold, int folds, RunSpec spec, TrainingData data, TrainableModel model,
                                  Progress progress, long[] done, long totalBatches, long start) {
        Path folder;
        try {
            folder = Files.createTempDirectory("atelier-fold");
        } catch (IOException e) {
            throw new UncheckedIOException("no scratch folder for a fold model: " + e.getMessage(), e);
        }
        try {
            RunRecord initial = new RunRecord(RunRecord.SCHEMA_VERSION, folder.getFileName().toString(),
                    Instant.now().toString(), RunStatus.RUNNING, null, spec, null, null, model.frozenLayers(),
                    List.of(), 0, 0);
            TrainingListener listener = new TrainingListener() {
                @Override
                public void iteration(IterationProgress p) {
                    Progress.checkCancelled();
                    done[0]++;
                    if (p.batch() % 20 == 1) {
                        double seconds = (System.nanoTime() - start) / 1e9;
                        double left = seconds / done[0] * (totalBatches - done[0]);
                        progress.update(String.format(java.util.Locale.ROOT,
                                        "Fold %d/%d, epoch %d/%d, batch %d/%d, about %.0f s left", fold + 1, folds,
                                        p.epoch(), p.epochs(), p.batch(), p.batchesPerEpoch(), left),
                                Math.min(done[0], totalBatches), totalBatches);
                    }
                }
            };
            RunRecord record = new TrainingRun(folder, initial, data, model, new TrainingControl(), listener).run();
            if (record.status() == RunStatus.CANCELLED) {
                throw new CancelledException();
            }
            if (record.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("fold " + (fold + 1) + " of " + folds + " stopped: "
                        + record.message());
            }
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a scratch folder left in the temporary directory is harmless
        }
    }

    /** Confident-learning thresholds and the ranking, from out-of-sample probabilities. */
    static Result rank(Predictions outOfSample, LabelView view, int classes) {
        double[] sums = new double[classes];
        int[] counts = new int[classes];
        for (int i = 0; i < outOfSample.size(); i++) {
            int label = outOfSample.labels()[i];
            sums[label] += outOfSample.probabilities()[i][label];
            counts[label]++;
        }
        double[] thresholds = new double[classes];
        for (int c = 0; c < classes; c++) {
            thresholds[c] = counts[c] == 0 ? 1.0 : sums[c] / counts[c];
        }
        List<LossRanking.Item> items = LossRanking.rank(outOfSample, view.dataset(), Split.TRAIN);
        int[] positionOf = new int[view.dataset().train().size()];
        for (int i = 0; i < outOfSample.size(); i++) {
            positionOf[outOfSample.indices()[i]] = i;
        }
        List<Finding> findings = new ArrayList<>(items.size());
        int flaggedCount = 0;
        for (LossRanking.Item item : items) {
            float[] p = outOfSample.probabilities()[positionOf[item.index()]];
            int label = item.label();
            int bestOther = -1;
            for (int c = 0; c < classes; c++) {
                if (c != label && (bestOther < 0 || p[c] > p[bestOther])) {
                    bestOther = c;
                }
            }
            boolean flagged = bestOther >= 0 && p[bestOther] >= thresholds[bestOther] && p[bestOther] > p[label];
            flaggedCount += flagged ? 1 : 0;
            findings.add(new Finding(item, flagged, p[label] - (bestOther < 0 ? 0 : p[bestOther])));
        }
        findings.sort(Comparator.comparingDouble((Finding f) -> f.item().probLabel())
                .thenComparingInt(f -> f.item().index()));
        return new Result(findings, thresholds, flaggedCount);
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
