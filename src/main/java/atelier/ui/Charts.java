package atelier.ui;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;

/** The line charts of Atelier's curves: numeric axes that need not start at zero, no animation. */
public final class Charts {
    private Charts() {
    }

    public static LineChart<Number, Number> lineChart(String title, String xLabel, String yLabel) {
        NumberAxis x = new NumberAxis();
        x.setLabel(xLabel);
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setMinHeight(160);
        chart.getStyleClass().add("curve-chart");
        return chart;
    }

    /**
     * Whole epochs on the x axis from 0 to one past the last epoch drawn: an auto-ranged axis would spread a
     * single epoch over 0.99 to 1.01, and an empty chart over 0 to 110.
     */
    public static void fitEpochAxis(LineChart<Number, Number> chart, int lastEpoch) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        int upper = lastEpoch <= 0 ? 10 : lastEpoch + 1;
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.setUpperBound(upper);
        x.setTickUnit(upper <= 20 ? 1 : Math.ceil(upper / 10.0));
        x.setMinorTickVisible(false);
    }
}
