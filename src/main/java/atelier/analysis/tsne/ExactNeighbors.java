package atelier.analysis.tsne;

import atelier.task.Progress;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Exact k-nearest neighbours by blocked matrix products: for a block of rows, ‖a − b‖² = ‖a‖² + ‖b‖² − 2a·b with
 * the dot products of the block against all points from one ND4J gemm (oneDNN/OpenBLAS, about 1 TFLOP for
 * 60,000 × 60,000 × 128), then a bounded heap per row. The block is sized so the product stays near 64 MB,
 * whatever n is, which keeps the process's peak memory flat.
 */
public final class ExactNeighbors {
    private static final long BLOCK_BYTES = 64L << 20;

    private ExactNeighbors() {
    }

    /**
     * @param features n × dims, row-major
     * @param k        neighbours per point (the point itself excluded); at most n − 1
     */
    public static Neighbors find(float[] features, int n, int dims, int k, ParallelWork work, Progress progress) {
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException("cannot find " + k + " neighbours among " + n + " points");
        }
        int[] indices = new int[n * k];
        float[] distances = new float[n * k];
        INDArray all = Nd4j.create(features, new long[] {n, dims}, 'c');
        float[] norms = all.mul(all).sum(1).toFloatVector();
        int block = (int) Math.max(16, Math.min(n, BLOCK_BYTES / 4 / n));
        INDArray product = Nd4j.create(DataType.FLOAT, new long[] {block, n}, 'c');
        for (int start = 0; start < n; start += block) {
            Progress.checkCancelled();
            int rows = Math.min(block, n - start);
            INDArray target = rows == block ? product
                    : product.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
            INDArray queries = all.get(NDArrayIndex.interval(start, start + rows), NDArrayIndex.all());
            // The transpose goes to gemm as a flag: a transposed view would be copied on every call, and those
            // 30 MB copies of native memory pile up faster than the garbage collector frees them.
            // ND4J runs one native thread per Java thread (Nd4jSetup): the block's rows are cut among the workers
            // (one product per worker: each reads all the points once)
            int pieces = Math.min(work.threads(), rows);
            work.forRanges(pieces, (chunk, firstPiece, endPiece) -> {
                for (int piece = firstPiece; piece < endPiece; piece++) {
                    long from = (long) rows * piece / pieces;
                    long to = (long) rows * (piece + 1) / pieces;
                    INDArray part = pieces == 1 ? target
                            : target.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                    INDArray partQueries = pieces == 1 ? queries
                            : queries.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                    Nd4j.gemm(partQueries, all, part, false, true, 1.0, 0.0);
                }
            });
            FloatBuffer dots = product.data().asNioFloat();
            int first = start;
            work.forRanges(rows, (chunk, from, to) -> {
                BoundedHeap heap = new BoundedHeap(k);
                for (int r = from; r < to; r++) {
                    int point = first + r;
                    heap.clear();
                    int offset = r * n;
                    for (int j = 0; j < n; j++) {
                        float d = norms[j] - 2 * dots.get(offset + j);
                        if (d < heap.worst() && j != point) {
                            heap.offer(d, j);
                        }
                    }
                    heap.drainSorted(indices, distances, point * k, norms[point]);
                }
            });
            progress.update("neighbours", start + rows, n);
        }
        return new Neighbors(n, k, indices, distances);
    }

    /** The k smallest (distance, index) pairs seen so far, as a max-heap on distance. */
    static final class BoundedHeap {
        private final float[] keys;
        private final int[] values;
        private int size;

        BoundedHeap(int capacity) {
            keys = new float[capacity];
            values = new int[capacity];
        }

        void clear() {
            size = 0;
        }

        float worst() {
            return size < keys.length ? Float.POSITIVE_INFINITY : keys[0];
        }

        void offer(float key, int value) {
            if (size < keys.length) {
                int i = size++;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (keys[parent] >= key) {
                        break;
                    }
                    keys[i] = keys[parent];
                    values[i] = values[parent];
                    i = parent;
                }
                keys[i] = key;
                values[i] = value;
                return;
            }
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] > keys[child]) {
                    child++;
                }
                if (keys[child] <= key) {
                    break;
                }
                keys[i] = keys[child];
                values[i] = values[child];
                i = child;
            }
            keys[i] = key;
            values[i] = value;
        }

        /** Writes the pairs nearest first (ties by index) and adds {@code offset} to each key, clamped at 0. */
        void drainSorted(int[] indicesOut, float[] keysOut, int at, float offset) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Float.compare(keys[a], keys[b])
                    : Integer.compare(values[a], values[b]));
            for (int i = 0; i < size; i++) {
                indicesOut[at + i] = values[order[i]];
                keysOut[at + i] = Math.max(0f, keys[order[i]] + offset);
            }
        }
    }
}
