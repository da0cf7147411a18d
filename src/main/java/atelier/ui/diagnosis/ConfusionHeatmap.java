package atelier.ui.diagnosis;

import atelier.analysis.ConfusionMatrix;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

/**
 * The confusion matrix drawn as a grid of cells shaded by their share of the row: actual class down, predicted
 * class across; the count (or the row share) in each cell; a click picks the cell's images.
 */
final class ConfusionHeatmap extends GridPane {
    ConfusionHeatmap() {
        getStyleClass().add("heatmap");
        setHgap(1);
        setVgap(1);
    }

    void show(ConfusionMatrix matrix, List<String> classes, boolean normalized, BiConsumer<Integer, Integer> pick) {
        getChildren().clear();
        if (matrix == null) {
            return;
        }
        double[][] shares = matrix.rowNormalized();
        Label corner = new Label("actual \\ predicted");
        corner.getStyleClass().add("heatmap-header");
        add(corner, 0, 0);
        for (int p = 0; p < classes.size(); p++) {
            Label header = new Label(Integer.toString(p));
            header.getStyleClass().add("heatmap-header");
            header.setTooltip(new Tooltip(classes.get(p)));
            header.setMaxWidth(Double.MAX_VALUE);
            header.setAlignment(Pos.CENTER);
            add(header, p + 1, 0);
        }
        for (int a = 0; a < classes.size(); a++) {
            Label row = new Label(SuspectCell.numbered(classes, a));
            row.getStyleClass().add("heatmap-header");
            add(row, 0, a + 1);
            for (int p = 0; p < classes.size(); p++) {
                int count = matrix.count(a, p);
                double share = shares[a][p];
                Label cell = new Label(normalized ? String.format("%.0f%%", 100 * share) : Integer.toString(count));
                cell.getStyleClass().add("heatmap-cell");
                cell.setId("cell-" + a + "-" + p);
                cell.setMinSize(42, 24);
                cell.setAlignment(Pos.CENTER);
                cell.setStyle(shade(share, a == p));
                cell.setTooltip(new Tooltip(String.format("%d images of %s predicted as %s (%.1f%% of the row)",
                        count, classes.get(a), classes.get(p), 100 * share)));
                int actual = a;
                int predicted = p;
                cell.setOnMouseClicked(e -> pick.accept(actual, predicted));
                add(cell, p + 1, a + 1);
            }
        }
    }

    private static String shade(double share, boolean diagonal) {
        double strength = Math.sqrt(share);
        int base = diagonal ? 0x2f7bf5 : 0xd9480f;
        int r = mix((base >> 16) & 0xff, strength);
        int g = mix((base >> 8) & 0xff, strength);
        int b = mix(base & 0xff, strength);
        String text = strength > 0.55 ? "white" : "#202020";
        return String.format("-fx-background-color: rgb(%d,%d,%d); -fx-text-fill: %s;", r, g, b, text);
    }

    private static int mix(int channel, double strength) {
        return (int) Math.round(255 - (255 - channel) * strength);
    }
}
