package atelier.ui.training;

import atelier.train.EpochMetrics;
import java.util.List;

/**
 * What the charts draw for one run: its epochs, its decimated iteration losses, its best epoch, and its colour
 * (a CSS colour that stays the run's own while it is drawn, whatever else is selected).
 */
public record ChartRun(String name, List<EpochMetrics> epochs, double[][] iterationLoss, int bestEpoch,
                       boolean live, String colour) {
}
