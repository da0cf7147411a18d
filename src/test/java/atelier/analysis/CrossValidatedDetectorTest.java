package atelier.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.Dataset;
import atelier.data.ImageSet;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.task.Progress;
import atelier.train.RunSpec;
import atelier.train.TrainingRunTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CrossValidatedDetectorTest {
    private static final int SIDE = 6;

    /** Three classes of noisy images whose brightness pattern tells the class; {@code flips} labels planted wrong. */
    private static Dataset planted(int count, Set<Integer> flips, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * SIDE * SIDE];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int truth = i % 3;
            for (int p = 0; p < SIDE * SIDE; p++) {
                int row = p / SIDE;
                boolean lit = row / 2 == truth;
                pixels[i * SIDE * SIDE + p] = (byte) Math.max(0, Math.min(255,
                        (lit ? 200 : 40) + (int) (random.nextGaussian() * 25)));
            }
            labels[i] = flips.contains(i) ? (truth + 1) % 3 : truth;
        }
        ImageSet set = new ImageSet(SIDE, SIDE, pixels, labels, null);
        return new Dataset("planted", Path.of("planted"), List.of("top", "middle", "bottom"), set, set, List.of());
    }

    @Test
    void plantedFlipsAreFlaggedAndRankedFirst() {
        Set<Integer> flips = Set.of(5, 17, 40, 77, 101, 150, 199, 230, 260, 290);
        LabelView view = new LabelView(planted(300, flips, 3), LabelJournal.inMemory());
        RunSpec spec = new RunSpec("cv", "planted", "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9, 16, 4, 0,
                "none", 1);

        CrossValidatedDetector.Result result = CrossValidatedDetector.run(view, spec, 3, TrainingRunTest.SMALL_DENSE,
                Progress.NONE);

        Set<Integer> topTen = result.ranking().subList(0, 10).stream().map(f -> f.item().index())
                .collect(Collectors.toSet());
        assertThat(topTen).as("the ten planted flips rank first").isEqualTo(flips);
        // a flip the models are only fairly sure of may stay under its class's threshold: ranked, not flagged
        assertThat(result.ranking().subList(0, 10).stream().filter(CrossValidatedDetector.Finding::flagged).count())
                .isGreaterThanOrEqualTo(8);
        assertThat(result.flaggedCount()).isBetween(8, 15);
        assertThat(result.ranking()).hasSize(300);
        assertThat(java.util.Arrays.stream(result.thresholds()).boxed().toList()).hasSize(3)
                .allMatch(t -> t > 0.5 && t <= 1.0);
    }

    @Test
    void excludedImagesAreNeitherTrainedOnNorRanked() {
        LabelView view = new LabelView(planted(90, Set.of(), 4), LabelJournal.inMemory());
        view.exclude(atelier.data.Split.TRAIN, 7);
        RunSpec spec = new RunSpec("cv", "planted", "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9, 16, 1, 0,
                "none", 1);

        CrossValidatedDetector.Result result = CrossValidatedDetector.run(view, spec, 3, TrainingRunTest.SMALL_DENSE,
                Progress.NONE);

        assertThat(result.ranking()).hasSize(89).noneMatch(f -> f.item().index() == 7);
    }

    @Test
    void theRunsImageLimitBoundsWhatIsTrainedAndRankedAndTheCostSaysSo() {
        LabelView view = new LabelView(planted(300, Set.of(), 5), LabelJournal.inMemory());
        RunSpec spec = new RunSpec("cv", "planted", "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9, 16, 2, 90,
                "none", 1);
        java.util.List<String> messages = new java.util.ArrayList<>();

        CrossValidatedDetector.Result result = CrossValidatedDetector.run(view, spec, 3, TrainingRunTest.SMALL_DENSE,
                (message, done, total) -> messages.add(message));

        assertThat(result.ranking()).hasSize(90);
        CrossValidatedDetector.Cost cost = CrossValidatedDetector.cost(view, spec, 3);
        assertThat(cost.images()).isEqualTo(90);
        assertThat(cost.trainingImages()).isEqualTo(3L * 60 * 2);
        assertThat(messages.get(0)).contains("3 folds x 90 images x 2 epochs: 360 training images");
    }

    @Test
    void aDivergingFoldStopsTheDetection() {
        LabelView view = new LabelView(planted(60, Set.of(), 6), LabelJournal.inMemory());
        RunSpec spec = new RunSpec("cv", "planted", "dense", "xavier", false, "sgd", 1e30, 0.7, 0.9, 16, 1, 0,
                "none", 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CrossValidatedDetector.run(view, spec, 3,
                        TrainingRunTest.SMALL_DENSE, Progress.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fold 1 of 3 stopped");
    }
}
