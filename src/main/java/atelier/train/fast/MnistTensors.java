package atelier.train.fast;

import atelier.data.ImageSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A split of a dataset as two ND4J arrays, built once: normalised float images [n,784] and one-hot labels
 * [n,classes]. Mini-batches are then gathered natively ({@link #gather}) into reusable arrays, with no Java array
 * per batch.
 *
 * @param features [n,784] floats, (pixel/255 - mean) / std
 * @param labels   [n,classes] one-hot floats
 */
public record MnistTensors(INDArray features, INDArray labels) {
    /** Mean and standard deviation of MNIST's training pixels (scaled to 0–1), as in pytorch/examples. */
    public static final double MNIST_MEAN = 0.1307;
    public static final double MNIST_STD = 0.3081;

    public static MnistTensors of(ImageSet images, int classes, double mean, double std) {
        int n = images.size();
        int pixels = images.pixelsPerImage();
        byte[] buffer = new byte[pixels];
        float[] values = new float[Math.multiplyExact(n, pixels)];
        float[] lookup = new float[256];
        for (int v = 0; v < 256; v++) {
            lookup[v] = (float) ((v / 255.0 - mean) / std);
        }
        float[] onehot = new float[Math.multiplyExact(n, classes)];
        for (int i = 0; i < n; i++) {
            images.copyImage(i, buffer, 0);
            int base = i * pixels;
            for (int j = 0; j < pixels; j++) {
                values[base + j] = lookup[buffer[j] & 0xff];
            }
            onehot[i * classes + images.label(i)] = 1f;
        }
        INDArray features = Nd4j.create(values, new long[] {n, pixels}, DataType.FLOAT);
        INDArray labels = Nd4j.create(onehot, new long[] {n, classes}, DataType.FLOAT);
        return new MnistTensors(features, labels);
    }

    public int size() {
        return (int) features.size(0);
    }

    /** Copies the rows {@code indexes} into {@code featuresOut} [k,784] and {@code labelsOut} [k,classes]. */
    public void gather(int[] indexes, INDArray featuresOut, INDArray labelsOut) {
        Nd4j.pullRows(features, featuresOut, 1, indexes);
        Nd4j.pullRows(labels, labelsOut, 1, indexes);
    }
}
