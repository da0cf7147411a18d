package atelier.train;

/**
 * One epoch's results: loss and accuracy over the epoch's training batches, then over the whole test set.
 * Accuracy is a fraction in [0, 1].
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                           double seconds, double imagesPerSecond, double learningRate) {
}
