package atelier.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import atelier.data.Dataset;
import atelier.data.ImageSet;
import atelier.data.Split;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    /** Three classes; labels 0,0,0,1,1,2 predicted 0,0,1,1,2,2. */
    private static Predictions handMade() {
        float[][] p = {
            {0.9f, 0.05f, 0.05f}, {0.6f, 0.3f, 0.1f}, {0.2f, 0.7f, 0.1f},
            {0.1f, 0.8f, 0.1f}, {0.1f, 0.3f, 0.6f}, {0.0f, 0.1f, 0.9f}};
        return new Predictions(new int[] {10, 11, 12, 13, 14, 15}, new int[] {0, 0, 0, 1, 1, 2}, p);
    }

    @Test
    void countsPrecisionAndRecallOfAHandMadeCase() {
        ConfusionMatrix matrix = ConfusionMatrix.of(handMade(), 3);

        assertThat(matrix.counts()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
        assertThat(matrix.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
        List<ConfusionMatrix.ClassScores> scores = matrix.perClass();
        assertThat(scores.get(0).recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(scores.get(0).precision()).isCloseTo(1.0, within(1e-12));
        assertThat(scores.get(1).precision()).isCloseTo(0.5, within(1e-12));
        assertThat(scores.get(1).recall()).isCloseTo(0.5, within(1e-12));
        assertThat(scores.get(2).precision()).isCloseTo(0.5, within(1e-12));
        assertThat(scores.get(2).accuracy()).isCloseTo(1.0, within(1e-12));
        assertThat(matrix.rowNormalized()[1]).containsExactly(0.0, 0.5, 0.5);
        assertThat(matrix.mostConfused(10)).containsExactly(new ConfusionMatrix.Pair(0, 1, 1),
                new ConfusionMatrix.Pair(1, 2, 1));
    }

    @Test
    void topLossesComeHighestFirstWithBothProbabilities() {
        Dataset dataset = new Dataset("d", Path.of("d"), List.of("a", "b", "c"),
                new ImageSet(1, 1, new byte[16], new int[16], null), new ImageSet(1, 1, new byte[1], new int[1], null),
                List.of());

        List<LossRanking.Item> ranked = LossRanking.rank(handMade(), dataset, Split.TRAIN);

        assertThat(ranked).extracting(LossRanking.Item::index).containsExactly(12, 14, 11, 13, 10, 15);
        LossRanking.Item worst = ranked.get(0);
        assertThat(worst.label()).isEqualTo(0);
        assertThat(worst.predicted()).isEqualTo(1);
        assertThat(worst.probLabel()).isCloseTo(0.2, within(1e-6));
        assertThat(worst.probPredicted()).isCloseTo(0.7, within(1e-6));
        assertThat(worst.loss()).isCloseTo(-Math.log(0.2), within(1e-6));
    }
}
