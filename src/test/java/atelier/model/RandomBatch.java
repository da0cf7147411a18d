package atelier.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small reproducible batches of images and one-hot labels, for the tests that take a training step. */
record RandomBatch(INDArray features, INDArray labels) {

    static RandomBatch of(int size, InputShape shape, int classes, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.FLOAT, size, shape.channels(), shape.height(), shape.width());
        INDArray labels = Nd4j.zeros(DataType.FLOAT, size, classes);
        for (int i = 0; i < size; i++) {
            labels.putScalar(i, i % classes, 1.0);
        }
        return new RandomBatch(features, labels);
    }
}
