package atelier.analysis;

import atelier.train.TrainableModel;
import atelier.train.TrainingData;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's class probabilities for a set of images, with the labels the images have now.
 *
 * @param indices       dataset indices (within the split) of the images
 * @param labels        their current labels (label journal applied)
 * @param probabilities [image][class]
 */
public record Predictions(int[] indices, int[] labels, float[][] probabilities) {

    public static Predictions of(TrainableModel model, List<TrainingData.Batch> batches) {
        int total = batches.stream().mapToInt(TrainingData.Batch::size).sum();
        int[] indices = new int[total];
        int[] labels = new int[total];
        float[][] probabilities = new float[total][];
        int n = 0;
        for (TrainingData.Batch batch : batches) {
            atelier.task.Progress.checkCancelled();
            INDArray output = model.predict(batch.features());
            INDArray actual = batch.labels().argMax(1);
            for (int i = 0; i < batch.size(); i++) {
                indices[n] = batch.indices()[i];
                labels[n] = actual.getInt(i);
                probabilities[n] = output.getRow(i).toFloatVector();
                n++;
            }
        }
        return new Predictions(indices, labels, probabilities);
    }

    public int size() {
        return indices.length;
    }

    public int predicted(int i) {
        float[] p = probabilities[i];
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Cross-entropy of image i's current label. */
    public double loss(int i) {
        return -Math.log(Math.max(probabilities[i][labels[i]], 1e-12));
    }
}
