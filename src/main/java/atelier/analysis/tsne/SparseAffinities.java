package atelier.analysis.tsne;

import java.util.Arrays;

/**
 * The joint affinities P = (P_cond + P_condᵀ) / 2n in compressed sparse rows: symmetric, summing to 1, with the
 * union of each pair's neighbour relations as its non-zeros (as openTSNE builds it).
 *
 * @param rowStart n + 1 offsets into columns and values
 */
public record SparseAffinities(int n, int[] rowStart, int[] columns, double[] values) {

    public int nonZeros() {
        return columns.length;
    }

    /** Symmetrizes conditional affinities laid out as {@code neighbors.indices()}. */
    public static SparseAffinities symmetrize(Neighbors neighbors, double[] conditional) {
        int n = neighbors.n();
        int k = neighbors.k();
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                count[i]++;
                count[neighbors.index(i, r)]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] columns = new int[start[n]];
        double[] values = new double[start[n]];
        double scale = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = neighbors.index(i, r);
                double value = conditional[i * k + r] * scale;
                columns[fill[i]] = j;
                values[fill[i]++] = value;
                columns[fill[j]] = i;
                values[fill[j]++] = value;
            }
        }
        return mergeDuplicates(n, start, columns, values);
    }

    /** Sorts each row by column and adds up entries that name the same column (pairs that are mutual neighbours). */
    private static SparseAffinities mergeDuplicates(int n, int[] start, int[] columns, double[] values) {
        int[] mergedStart = new int[n + 1];
        int write = 0;
        long[] keyed = new long[0];
        for (int i = 0; i < n; i++) {
            int from = start[i];
            int length = start[i + 1] - from;
            if (keyed.length < length) {
                keyed = new long[Math.max(length, keyed.length * 2)];
            }
            for (int e = 0; e < length; e++) {
                keyed[e] = ((long) columns[from + e] << 32) | e;
            }
            Arrays.sort(keyed, 0, length);
            double[] rowValues = Arrays.copyOfRange(values, from, from + length);
            mergedStart[i] = write;
            int previous = -1;
            for (int e = 0; e < length; e++) {
                int column = (int) (keyed[e] >>> 32);
                double value = rowValues[(int) keyed[e]];
                if (column == previous) {
                    values[write - 1] += value;
                } else {
                    columns[write] = column;
                    values[write++] = value;
                    previous = column;
                }
            }
        }
        mergedStart[n] = write;
        return new SparseAffinities(n, mergedStart, Arrays.copyOf(columns, write), Arrays.copyOf(values, write));
    }
}
