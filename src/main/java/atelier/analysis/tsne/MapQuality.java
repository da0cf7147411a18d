package atelier.analysis.tsne;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How well a map keeps its data's structure: the class accuracy of a 10-nearest-neighbour vote (in feature space
 * and in the map), trustworthiness (Venna and Kaski 2001; the share of a point's map neighbours that are also
 * near it in feature space, rank-weighted), and the points whose label most of their feature neighbours contradict.
 */
public final class MapQuality {
    public static final int VOTERS = 10;

    private MapQuality() {
    }

    /** Share of points whose label wins the vote of their first {@code voters} neighbours (ties: nearest wins). */
    public static double knnAccuracy(Neighbors neighbors, int[] labels, int voters) {
        int n = neighbors.n();
        int used = Math.min(voters, neighbors.k());
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (vote(neighbors, labels, i, used) == labels[i]) {
                correct++;
            }
        }
        return n == 0 ? 0 : (double) correct / n;
    }

    /** Points whose label fewer than half of their first {@code voters} feature neighbours share. */
    public static int[] disagreeing(Neighbors neighbors, int[] labels, int voters) {
        int used = Math.min(voters, neighbors.k());
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < neighbors.n(); i++) {
            int same = 0;
            for (int r = 0; r < used; r++) {
                if (labels[neighbors.index(i, r)] == labels[i]) {
                    same++;
                }
            }
            if (2 * same < used) {
                found.add(i);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int vote(Neighbors neighbors, int[] labels, int i, int used) {
        int[] votes = new int[256];
        int best = -1;
        for (int r = 0; r < used; r++) {
            int label = labels[neighbors.index(i, r)];
            votes[label]++;
        }
        for (int r = 0; r < used; r++) {
            int label = labels[neighbors.index(i, r)];
            if (best < 0 || votes[label] > votes[best]) {
                best = label;
            }
        }
        return best;
    }

    /** The k nearest neighbours of every point of a 2-D map (exact, by the same blocked search). */
    public static Neighbors mapNeighbors(float[] map, int n, int k, ParallelWork work) {
        return ExactNeighbors.find(map, n, 2, Math.min(k, n - 1), work, atelier.task.Progress.NONE);
    }

    /**
     * Trustworthiness at k on a random subsample of {@code sample} points (all when fewer), ranks computed within
     * the subsample, as scikit-learn's {@code trustworthiness} does on the subsample.
     */
    public static double trustworthiness(float[] features, int dims, float[] map, int n, int k, int sample,
                                         long seed) {
        int[] chosen = subsample(n, sample, seed);
        int m = chosen.length;
        if (k >= m / 2) {
            throw new IllegalArgumentException("trustworthiness at " + k + " needs more than " + 2 * k + " points");
        }
        double[][] high = new double[m][m];
        double[][] low = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                double h = 0;
                int pa = chosen[a] * dims;
                int pb = chosen[b] * dims;
                for (int d = 0; d < dims; d++) {
                    double diff = features[pa + d] - features[pb + d];
                    h += diff * diff;
                }
                double dx = map[2 * chosen[a]] - map[2 * chosen[b]];
                double dy = map[2 * chosen[a] + 1] - map[2 * chosen[b] + 1];
                high[a][b] = high[b][a] = h;
                low[a][b] = low[b][a] = dx * dx + dy * dy;
            }
        }
        double penalty = 0;
        for (int a = 0; a < m; a++) {
            int[] highRank = ranks(high[a], a);
            Integer[] byLow = order(low[a], a);
            for (int r = 0; r < k; r++) {
                int rank = highRank[byLow[r]];
                if (rank > k) {
                    penalty += rank - k;
                }
            }
        }
        return 1 - 2.0 / (m * k * (2.0 * m - 3.0 * k - 1.0)) * penalty;
    }

    /** rank[b] = 1 for a's nearest other point, 2 for the next, ...; a itself excluded. */
    private static int[] ranks(double[] distances, int self) {
        Integer[] order = order(distances, self);
        int[] rank = new int[distances.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        return rank;
    }

    private static Integer[] order(double[] distances, int self) {
        Integer[] order = new Integer[distances.length - 1];
        int w = 0;
        for (int b = 0; b < distances.length; b++) {
            if (b != self) {
                order[w++] = b;
            }
        }
        java.util.Arrays.sort(order, (x, y) -> distances[x] != distances[y] ? Double.compare(distances[x],
                distances[y]) : Integer.compare(x, y));
        return order;
    }

    /** {@code size} distinct indices below n in ascending order, fixed by the seed (all of them when n ≤ size). */
    public static int[] subsample(int n, int size, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (size >= n) {
            return all;
        }
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(all, size);
        java.util.Arrays.sort(chosen);
        return chosen;
    }
}
