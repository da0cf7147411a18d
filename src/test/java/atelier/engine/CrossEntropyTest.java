package atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The batch loss as PyTorch's cross_entropy computes it, finite however confident the network is. */
class CrossEntropyTest {
    @Test
    void aConfidentRightPredictionCostsNothingAndAConfidentWrongOneItsLogitGap() {
        // row 0: label 0 with every other logit 200 below (libnd4j's log_softmax gives -∞ there);
        // row 1: label 1, but class 0 is 150 above it
        float[] logits = {0f, -200f, -200f, 150f, 0f, -10f};
        float[] labels = {1f, 0f, 0f, 0f, 1f, 0f};

        EngineNetwork.BatchResult result = CrossEntropy.of(logits, labels, 2, 3);

        assertThat(result.loss()).isCloseTo((0.0 + 150.0) / 2, within(1e-4));
        assertThat(result.correct()).isEqualTo(1);
    }

    @Test
    void ordinaryLogitsGiveTheTextbookValue() {
        float[] logits = {1f, 2f, 3f};
        float[] labels = {0f, 0f, 1f};
        double expected = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));

        assertThat(CrossEntropy.of(logits, labels, 1, 3).loss()).isCloseTo(expected, within(1e-6));
    }
}
