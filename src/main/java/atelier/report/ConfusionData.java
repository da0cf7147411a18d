package atelier.report;

import java.util.List;

/**
 * A confusion matrix as a study stores it in {@code analysis/<step>.json}: counts of actual class (row) against
 * predicted class (column) for one run's best checkpoint on one split.
 */
public record ConfusionData(String run, String split, List<String> classes, int[][] counts) {

    public int total() {
        int total = 0;
        for (int[] row : counts) {
            for (int value : row) {
                total += value;
            }
        }
        return total;
    }

    public double accuracy() {
        int right = 0;
        for (int c = 0; c < counts.length; c++) {
            right += counts[c][c];
        }
        return total() == 0 ? 0 : (double) right / total();
    }
}
