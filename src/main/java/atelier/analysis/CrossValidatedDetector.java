package atelier.analysis;

import atelier.data.LabelView;
import atelier.data.Split;
import atelier.task.Progress;
import atelier.train.ModelFactory;
import atelier.train.RunSpec;
import atelier.train.TrainableModel;
import atelier.train.TrainingData;
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

    public static Result run(LabelView view, RunSpec spec, int folds, ModelFactory models, Progress progress) {
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2, not " + folds);
        }
        int[] usable = TrainingData.usableTrainingImages(view);
        int[] order = usable.clone();
        shuffle(order, new Random(spec.seed()));
        int classes = view.dataset().classCount();
        int[] labels = new int[usable.length];
        float[][] probabilities = new float[usable.length][];
        int[] indices = new int[usable.length];
        int filled = 0;
        var dataset = view.dataset();
        // progress counts batches; every fold trains on about (folds - 1) / folds of the images
        long batchesPerEpoch = ((long) usable.length * (folds - 1) / folds + spec.batchSize() - 1) / spec.batchSize();
        long totalBatches = (long) folds * spec.epochs() * batchesPerEpoch;
        long done = 0;
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
            TrainableModel model = models.create(spec, dataset.channels(), dataset.height(), dataset.width(), classes);
            for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
                List<TrainingData.Batch> batches = data.trainBatches(epoch, spec.batchSize(), spec.seed() + fold);
                for (int b = 0; b < batches.size(); b++) {
                    Progress.checkCancelled();
                    TrainingData.Batch batch = batches.get(b);
                    model.train(batch.features(), batch.labels());
                    done++;
                    if (b % 20 == 0) {
                        progress.update(String.format("Fold %d/%d, epoch %d/%d, batch %d/%d", fold + 1, folds, epoch,
                                spec.epochs(), b + 1, batches.size()), Math.min(done, totalBatches), totalBatches);
                    }
                }
                model.finishEpoch();
            }
            Predictions predicted = Predictions.of(model, data.testBatches(1000));
            for (int i = 0; i < predicted.size(); i++) {
                indices[filled] = predicted.indices()[i];
                labels[filled] = predicted.labels()[i];
                probabilities[filled] = predicted.probabilities()[i];
                filled++;
            }
            progress.update(String.format("Fold %d/%d predicted its held-out images", fold + 1, folds),
                    fold + 1 == folds ? totalBatches : Math.min(done, totalBatches), totalBatches);
        }
        return rank(new Predictions(indices, labels, probabilities), view, classes);
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
