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

    /** Rows {@code start} to {@code end} of an array of any rank, as a view. */
    static INDArray rows(INDArray array, long start, long end) {
        org.nd4j.linalg.indexing.INDArrayIndex[] index = new org.nd4j.linalg.indexing.INDArrayIndex[array.rank()];
        index[0] = NDArrayIndex.interval(start, end);
        for (int i = 1; i < index.length; i++) {
            index[i] = NDArrayIndex.all();
        }
        return array.get(index);
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
