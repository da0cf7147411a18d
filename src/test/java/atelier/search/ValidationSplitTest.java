package atelier.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.task.Progress;
import atelier.train.TrainingData;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The validation images never train a trial, and the split is fixed by the seed. */
class ValidationSplitTest {
    private static LabelView mnist;

    @BeforeAll
    static void load() {
        Dataset dataset = DatasetLoader.load("mnist", Progress.NONE);
        mnist = new LabelView(dataset, LabelJournal.inMemory());
    }

    @Test
    void validationAndTrainingPartShareNoImageAndTogetherAreTheTrainingSet() {
        ValidationSplit split = ValidationSplit.of(mnist, 0, 5000, 1);

        assertThat(split.validation()).hasSize(5000);
        assertThat(split.trainPart()).hasSize(55_000);
        Set<Integer> validation = set(split.validation());
        assertThat(Arrays.stream(split.trainPart()).filter(validation::contains)).isEmpty();
        assertThat(IntStream.concat(IntStream.of(split.validation()), IntStream.of(split.trainPart())).sorted()
                .toArray()).isEqualTo(IntStream.range(0, 60_000).toArray());
    }

    @Test
    void everySliceATrialLearnsFromLiesInTheTrainingPart() {
        ValidationSplit split = ValidationSplit.of(mnist, 3000, 5000, 2);
        Set<Integer> validation = set(split.validation());
        Set<Integer> trainPart = set(split.trainPart());

        assertThat(split.validation()).as("at most a fifth is held out").hasSize(600);
        for (int trial = 0; trial < 5; trial++) {
            // 2,400 training images: a slice up to 7,000 images seen wraps round almost three times
            int[] slice = split.slice(2, trial, 1000, 7000);
            assertThat(slice).hasSize(6000);
            assertThat(Arrays.stream(slice).filter(validation::contains)).isEmpty();
            assertThat(Arrays.stream(slice).allMatch(trainPart::contains)).isTrue();
        }
        int[] firstPass = split.slice(2, 0, 0, 2400);
        assertThat(set(firstPass)).as("one pass sees every training image once").isEqualTo(trainPart);
        assertThat(split.slice(2, 0, 100, 200)).isEqualTo(Arrays.copyOfRange(firstPass, 100, 200));
        assertThat(split.slice(2, 1, 0, 100)).as("each trial has its own order").isNotEqualTo(
                Arrays.copyOfRange(firstPass, 0, 100));
    }

    @Test
    void theSeedFixesTheSplitAndTheLimitedSubsetIsTrainsOwn() {
        assertThat(ValidationSplit.of(mnist, 0, 500, 5).validation())
                .isEqualTo(ValidationSplit.of(mnist, 0, 500, 5).validation())
                .isNotEqualTo(ValidationSplit.of(mnist, 0, 500, 6).validation());
        ValidationSplit limited = ValidationSplit.of(mnist, 1000, 200, 9);
        TrainingData sameAsTrain = TrainingData.from(mnist, 1000, 9);
        int[] all = IntStream.concat(IntStream.of(limited.validation()), IntStream.of(limited.trainPart())).sorted()
                .toArray();
        int[] trained = sameAsTrain.trainInOrder(5000).stream().flatMapToInt(b -> IntStream.of(b.indices()))
                .toArray();
        assertThat(all).as("the final retraining sees the search's images").isEqualTo(trained);
    }

    @Test
    void aPartitionRefusesAnImageInBothParts() {
        ValidationSplit split = ValidationSplit.of(mnist, 2000, 400, 3);
        float[] stats = TrainingData.statistics(mnist, split.trainPart());
        int[] learn = split.slice(3, 0, 0, 500);
        TrainingData data = TrainingData.partition(mnist, learn, split.validation(), stats[0], stats[1]);

        assertThat(data.trainSize()).isEqualTo(500);
        assertThat(data.testSize()).isEqualTo(400);
        int[] leaking = Arrays.copyOf(learn, learn.length + 1);
        leaking[learn.length] = split.validation()[7];
        assertThatThrownBy(() -> TrainingData.partition(mnist, leaking, split.validation(), stats[0], stats[1]))
                .hasMessageContaining("training image " + split.validation()[7])
                .hasMessageContaining("both the training and the validation part");
    }

    private static Set<Integer> set(int[] values) {
        Set<Integer> set = new HashSet<>();
        for (int v : values) {
            set.add(v);
        }
        return set;
    }
}
