package atelier.ui.training;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/**
 * One legend for a group of charts that draw the same runs in the same order. JavaFX gives each chart its own
 * legend and drops it once the names no longer fit under a small chart (four runs already), which leaves
 * overlays unreadable; this one wraps instead, and shows each run in the colour its lines are drawn in.
 */
final class RunLegend extends FlowPane {
    private static final int CHART_COLOURS = 8;

    RunLegend() {
        super(10, 2);
        getStyleClass().add("run-legend");
    }

    void show(List<ChartRun> runs) {
        getChildren().clear();
        for (int i = 0; i < runs.size(); i++) {
            Region symbol = new Region();
            symbol.getStyleClass().addAll("chart-line-symbol", "default-color" + (i % CHART_COLOURS));
            // the run's own colour (see RunColours) over modena's by-position one
            symbol.setStyle("-fx-background-color: " + runs.get(i).colour() + ", white;");
            Label entry = new Label(runs.get(i).name(), symbol);
            entry.getStyleClass().add("run-legend-entry");
            getChildren().add(entry);
        }
    }
}
