package atelier.train;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.Dataset;
import atelier.data.ImageSet;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.data.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainingDataTest {
    private static final int IMAGES = 400;

    private static LabelView view() {
        byte[] pixels = new byte[IMAGES * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        int[] labels = IntStream.range(0, IMAGES).map(i -> i % 3).toArray();
        ImageSet images = new ImageSet(2, 2, pixels, labels, null);
        Dataset dataset = new Dataset("tiny", Path.of("tiny"), List.of("a", "b", "c"), images,
                new ImageSet(2, 2, Arrays.copyOf(pixels, 40), Arrays.copyOf(labels, 10), null), List.of());
        return new LabelView(dataset, LabelJournal.inMemory());
    }

    private static List<Integer> epochOrder(TrainingData data, int epoch) {
        List<Integer> order = new ArrayList<>();
        data.trainBatches(epoch, 16, 7).forEach(batch -> Arrays.stream(batch.indices()).forEach(order::add));
        return order;
    }

    @Test
    void excludingImagesLeavesTheSameSubsetAndOrderMinusThoseImages() {
        LabelView original = view();
        TrainingData before = TrainingData.from(original, 100, 7);
        List<Integer> orderBefore = epochOrder(before, 1);
        int excludedA = orderBefore.get(3);
        int excludedB = orderBefore.get(50);
        LabelView cleaned = view();
        cleaned.exclude(Split.TRAIN, excludedA);
        cleaned.exclude(Split.TRAIN, excludedB);
        // one outside the subset, which changes nothing
        cleaned.exclude(Split.TRAIN, IntStream.range(0, IMAGES).filter(i -> !orderBefore.contains(i)).findFirst()
                .orElseThrow());

        TrainingData after = TrainingData.from(cleaned, 100, 7);

        assertThat(after.trainSize()).as("the same 100 images minus the two of them excluded").isEqualTo(98);
        for (int epoch = 1; epoch <= 2; epoch++) {
            List<Integer> expected = new ArrayList<>(epochOrder(before, epoch));
            expected.remove(Integer.valueOf(excludedA));
            expected.remove(Integer.valueOf(excludedB));
            assertThat(epochOrder(after, epoch)).isEqualTo(expected);
        }
    }

    @Test
    void releasingATrainingBatchFreesItsOwnCopyButNeverTheArraysAViewSharesWithTheData() {
        TrainingData data = TrainingData.from(view(), 0, 7);
        TrainingData.Batch gathered = data.trainBatches(1, 16, 7).get(0);
        TrainingData.Batch view = data.testBatches(4).get(0);
        float before = view.features().getFloat(0, 0);

        TrainingData.release(gathered);
        TrainingData.release(view);

        assertThat(gathered.features().data().wasClosed()).isTrue();
        assertThat(view.features().data().wasClosed()).isFalse();
        assertThat(data.testBatches(4).get(0).features().getFloat(0, 0)).isEqualTo(before);
        assertThat(data.trainBatches(1, 16, 7).get(0).indices()).isEqualTo(gathered.indices());
    }
}
