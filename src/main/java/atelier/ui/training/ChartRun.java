package atelier.ui.training;

import atelier.train.EpochMetrics;
import java.util.List;

/** What the charts draw for one run: its epochs, its decimated iteration losses, and its best epoch. */
public record ChartRun(String name, List<EpochMetrics> epochs, double[][] iterationLoss, int bestEpoch,
                       boolean live) {
}
