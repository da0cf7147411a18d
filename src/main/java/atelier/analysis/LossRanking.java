package atelier.analysis;

import atelier.data.Dataset;
import atelier.data.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Images ranked by how badly the model disagrees with their label: the highest loss first. */
public final class LossRanking {
    private LossRanking() {
    }

    /**
     * @param path the image file for image-folder datasets, else null
     */
    public record Item(int index, String path, int label, int predicted, double loss, double probLabel,
                       double probPredicted) {
    }

    public static List<Item> rank(Predictions predictions, Dataset dataset, Split split) {
        List<Item> items = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            int index = predictions.indices()[i];
            int label = predictions.labels()[i];
            int predicted = predictions.predicted(i);
            Path file = dataset.split(split).file(index);
            float[] p = predictions.probabilities()[i];
            items.add(new Item(index, file == null ? null : file.toString(), label, predicted, predictions.loss(i),
                    p[label], p[predicted]));
        }
        items.sort(Comparator.comparingDouble(Item::loss).reversed().thenComparingInt(Item::index));
        return items;
    }
}
