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
}
