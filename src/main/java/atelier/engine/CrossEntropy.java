package atelier.engine;

/** The softmax cross-entropy of a batch from its logits, the loss every engine network ends in. */
final class CrossEntropy {
    private CrossEntropy() {
    }

    /**
     * Mean cross-entropy and correct count of a batch, from its logits and (one-hot or soft) labels, computed as
     * PyTorch's {@code cross_entropy} does: log-sum-exp shifted by each row's maximum. libnd4j's {@code log_softmax}
     * is log(softmax(x)), which is -∞ for a class more than about 104 below the top one; its 0·(-∞) = NaN for
     * such a class stopped a healthy, confident run as diverged (mnist-net, Adam, epoch 10).
     */
    static EngineNetwork.BatchResult of(float[] logits, float[] labels, int n, int classes) {
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int base = i * classes;
            int predicted = 0;
            int label = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[base + c] > logits[base + predicted]) {
                    predicted = c;
                }
                if (labels[base + c] > labels[base + label]) {
                    label = c;
                }
            }
            double max = logits[base + predicted];
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[base + c] - max);
            }
            double logSumExp = max + Math.log(sum);
            for (int c = 0; c < classes; c++) {
                if (labels[base + c] != 0) {
                    loss += labels[base + c] * (logSumExp - logits[base + c]);
                }
            }
            correct += predicted == label ? 1 : 0;
        }
        return new EngineNetwork.BatchResult(loss / n, correct, n);
    }
}
