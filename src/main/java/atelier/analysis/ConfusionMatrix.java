package atelier.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts of actual class (row) against predicted class (column), with per-class accuracy, precision and recall.
 * Per-class accuracy is the share of a class's images predicted as that class, which is its recall too.
 */
public final class ConfusionMatrix {
    private final int[][] counts;

    public ConfusionMatrix(int[][] counts) {
        this.counts = counts;
    }

    public static ConfusionMatrix of(Predictions predictions, int classes) {
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < predictions.size(); i++) {
            counts[predictions.labels()[i]][predictions.predicted(i)]++;
        }
        return new ConfusionMatrix(counts);
    }

    public record ClassScores(double accuracy, double precision, double recall) {
    }

    public record Pair(int actual, int predicted, int count) {
    }

    public int classes() {
        return counts.length;
    }

    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Each row divided by its total: the share of a class's images that went to each prediction. */
    public double[][] rowNormalized() {
        double[][] shares = new double[counts.length][counts.length];
        for (int a = 0; a < counts.length; a++) {
            int total = rowTotal(a);
            for (int p = 0; p < counts.length; p++) {
                shares[a][p] = total == 0 ? 0 : (double) counts[a][p] / total;
            }
        }
        return shares;
    }

    public List<ClassScores> perClass() {
        List<ClassScores> scores = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            int actual = rowTotal(c);
            int predicted = 0;
            for (int[] row : counts) {
                predicted += row[c];
            }
            double recall = actual == 0 ? 0 : (double) counts[c][c] / actual;
            double precision = predicted == 0 ? 0 : (double) counts[c][c] / predicted;
            scores.add(new ClassScores(recall, precision, recall));
        }
        return scores;
    }

    public double accuracy() {
        long right = 0;
        long total = 0;
        for (int a = 0; a < counts.length; a++) {
            right += counts[a][a];
            total += rowTotal(a);
        }
        return total == 0 ? 0 : (double) right / total;
    }

    /** Off-diagonal cells, largest first. */
    public List<Pair> mostConfused(int limit) {
        List<Pair> pairs = new ArrayList<>();
        for (int a = 0; a < counts.length; a++) {
            for (int p = 0; p < counts.length; p++) {
                if (a != p && counts[a][p] > 0) {
                    pairs.add(new Pair(a, p, counts[a][p]));
                }
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::count).reversed().thenComparingInt(Pair::actual)
                .thenComparingInt(Pair::predicted));
        return pairs.subList(0, Math.min(limit, pairs.size()));
    }

    private int rowTotal(int actual) {
        int total = 0;
        for (int value : counts[actual]) {
            total += value;
        }
        return total;
    }
}
