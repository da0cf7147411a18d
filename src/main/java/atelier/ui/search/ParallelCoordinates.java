package atelier.ui.search;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A parallel-coordinates plot of the trials: one vertical axis per design parameter, one polyline per trial,
 * coloured from red (lowest validation accuracy) to blue (highest), the best drawn last so they stay visible.
 * Drawn on a canvas because neither JavaFX nor ControlsFX has such a chart; it redraws when resized or given
 * new lines, which the tab does a few times a second at most.
 */
final class ParallelCoordinates extends Region {
    private static final double TOP = 26;
    private static final double BOTTOM = 34;
    private static final double SIDE = 18;

    private final Canvas canvas = new Canvas();
    private List<SearchPlots.Line> lines = List.of();

    ParallelCoordinates() {
        getChildren().add(canvas);
        getStyleClass().add("parallel-coordinates");
        setMinSize(200, 140);
        setPrefSize(360, 220);
    }

    void setLines(List<SearchPlots.Line> newLines) {
        lines = List.copyOf(newLines);
        draw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, width, height);
        if (width < 50 || height < 60) {
            return;
        }
        int axes = SearchPlots.AXES.size();
        double step = (width - 2 * SIDE) / (axes - 1);
        double plotHeight = height - TOP - BOTTOM;
        g.setFont(Font.font(10));
        g.setFill(Color.web("#333"));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double low = lines.stream().mapToDouble(SearchPlots.Line::accuracy).min().orElse(0);
        double high = lines.stream().mapToDouble(SearchPlots.Line::accuracy).max().orElse(1);
        g.fillText(lines.isEmpty() ? "Parameters of the trials, coloured by validation accuracy (none yet)"
                : String.format(Locale.ROOT, "Validation accuracy: red %.1f%% to blue %.1f%% (filters, width, lr, "
                + "params on log scales)", 100 * low, 100 * high), 4, 4);
        g.setStroke(Color.web("#999"));
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.CENTER);
        for (int a = 0; a < axes; a++) {
            double x = SIDE + a * step;
            g.strokeLine(x, TOP, x, TOP + plotHeight);
            g.fillText(SearchPlots.AXES.get(a), x, TOP + plotHeight + (a % 2 == 0 ? 4 : 16));
        }
        List<SearchPlots.Line> ordered = lines.stream()
                .sorted(java.util.Comparator.comparingDouble(SearchPlots.Line::accuracy)).toList();
        g.setLineWidth(1.4);
        for (SearchPlots.Line line : ordered) {
            double t = high > low ? (line.accuracy() - low) / (high - low) : 1;
            g.setStroke(Color.hsb(t * 230, 0.85, 0.85, 0.35 + 0.6 * t));
            g.beginPath();
            for (int a = 0; a < axes; a++) {
                double x = SIDE + a * step;
                double y = TOP + (1 - line.values()[a]) * plotHeight;
                if (a == 0) {
                    g.moveTo(x, y);
                } else {
                    g.lineTo(x, y);
                }
            }
            g.stroke();
        }
    }
}
