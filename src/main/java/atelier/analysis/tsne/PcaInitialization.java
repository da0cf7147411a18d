package atelier.analysis.tsne;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The starting map: the features' first two principal components, rescaled so the first has standard deviation
 * 1e-4 (openTSNE's initialisation). A PCA start keeps the global layout of the data that a random start loses
 * (Kobak and Linderman 2021), and the tiny scale lets early exaggeration form the clusters before they spread.
 */
public final class PcaInitialization {
    public static final double TARGET_STD = 1e-4;

    private PcaInitialization() {
    }

    /** @return the map as [point * 2 + axis] */
    public static double[] embed(float[] features, int n, int dims) {
        INDArray x = Nd4j.create(features, new long[] {n, dims}, 'c').castTo(DataType.DOUBLE);
        x.subiRowVector(x.mean(0));
        INDArray covariance = x.transpose().mmul(x).divi(Math.max(1, n - 1));
        INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(covariance, true);
        // Eigenvalues come in ascending order; the eigenvectors are covariance's columns.
        int first = (int) eigenvalues.length() - 1;
        double[][] axes = {signFixed(covariance.getColumn(first).toDoubleVector()),
                signFixed(covariance.getColumn(Math.max(0, first - 1)).toDoubleVector())};
        INDArray weights = Nd4j.create(axes).transpose().dup('c');
        double[] projected = x.mmul(weights).dup('c').data().asDouble();
        return scaled(projected, n);
    }

    /** An eigenvector's sign is arbitrary: fix it so that its largest component is positive. */
    private static double[] signFixed(double[] axis) {
        int largest = 0;
        for (int d = 1; d < axis.length; d++) {
            if (Math.abs(axis[d]) > Math.abs(axis[largest])) {
                largest = d;
            }
        }
        if (axis[largest] < 0) {
            for (int d = 0; d < axis.length; d++) {
                axis[d] = -axis[d];
            }
        }
        return axis;
    }

    /** Rescales a map so that its first axis has standard deviation {@link #TARGET_STD}. */
    static double[] scaled(double[] map, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += map[2 * i];
        }
        mean /= n;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            double d = map[2 * i] - mean;
            variance += d * d;
        }
        double std = Math.sqrt(variance / n);
        double factor = std > 0 ? TARGET_STD / std : 1;
        for (int i = 0; i < map.length; i++) {
            map[i] *= factor;
        }
        return map;
    }
}
