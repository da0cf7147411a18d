package atelier.engine;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Small helpers for shapes and for cutting tensors out of flat vectors. */
final class Shapes {
    private Shapes() {
    }

    static long length(long[] shape) {
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        return length;
    }

    /** Consecutive c-order views of {@code flat} with these shapes, starting at {@code offset[0]}, which advances. */
    static List<INDArray> views(INDArray flat, long[] offset, List<long[]> shapes) {
        List<INDArray> views = new ArrayList<>(shapes.size());
        for (long[] shape : shapes) {
            long length = length(shape);
            views.add(flat.get(NDArrayIndex.interval(offset[0], offset[0] + length)).reshape('c', shape));
            offset[0] += length;
        }
        return views;
    }
}
