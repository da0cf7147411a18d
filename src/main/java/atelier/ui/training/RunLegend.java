package atelier.ui.training;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/**
 * One legend for a group of charts that draw the same runs in the same order. JavaFX gives each chart its own
 * legend and drops it once the names no longer fit under a small chart (four runs already), which leaves
 * overlays unreadable; this one wraps instead, and uses the charts' own series colours (modena's
 * {@code default-colorN}, assigned by series index).
 */
final class RunLegend extends FlowPane {
    private static final int CHART_COLOURS = 8;

    RunLegend() {
        super(10, 2);
        getStyleClass().add("run-legend");
    }

    void show(List<String> runNames) {
        getChildren().clear();
        for (int i = 0; i < runNames.size(); i++) {
            Region symbol = new Region();
            symbol.getStyleClass().addAll("chart-line-symbol", "default-color" + (i % CHART_COLOURS));
            Label entry = new Label(runNames.get(i), symbol);
            entry.getStyleClass().add("run-legend-entry");
            getChildren().add(entry);
        }
    }
}
