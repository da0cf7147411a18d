package atelier.report;

import atelier.train.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, drawn by JFreeChart into PNG files without a screen: learning curves (loss above accuracy,
 * sharing the epoch axis) and confusion matrices (a heat map with the counts written in). Only the placement of
 * several finished charts side by side is done here with Java2D, which JFreeChart does not offer for whole charts.
 */
public final class ChartImages {
    /** Colour-blind-safe series colours (Okabe and Ito), in legend order. */
    private static final Color[] COLOURS = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0),
        new Color(240, 228, 66)};
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private ChartImages() {
    }

    /** A labelled curve: its legend text, its epochs, and which set's metrics it draws. */
    public record Curve(String label, List<EpochMetrics> epochs, Split split) {
    }

    /** Whether curves show the training batches' metrics or the test set's. */
    public enum Split {
        TRAIN("training set"), TEST("test set");

        private final String words;

        Split(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public static Split parse(String text) {
            return "train".equalsIgnoreCase(text) ? TRAIN : TEST;
        }
    }

    /** Loss (top) and accuracy in percent (bottom) per epoch, one line per curve. */
    public static JFreeChart learningCurves(String title, List<Curve> curves) {
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection accuracies = new XYSeriesCollection();
        for (Curve curve : curves) {
            XYSeries loss = new XYSeries(curve.label(), false, true);
            XYSeries accuracy = new XYSeries(curve.label(), false, true);
            Split split = curve.split();
            for (EpochMetrics e : curve.epochs()) {
                loss.add(e.epoch(), split == Split.TRAIN ? e.trainLoss() : e.testLoss());
                accuracy.add(e.epoch(), 100 * (split == Split.TRAIN ? e.trainAccuracy() : e.testAccuracy()));
            }
            losses.addSeries(loss);
            accuracies.addSeries(accuracy);
        }
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setTickUnit(new NumberTickUnit(1));
        int maxEpochs = curves.stream().mapToInt(c -> c.epochs().size()).max().orElse(1);
        epochAxis.setRange(0.8, Math.max(maxEpochs, 1) + 0.2);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.setGap(12);
        XYPlot lossPlot = linePlot(losses, "mean cross-entropy loss", false);
        plot.add(lossPlot, 1);
        plot.add(linePlot(accuracies, "accuracy (%)", true), 1);
        // both panels draw the same runs: one legend entry per run, not one per panel
        plot.setFixedLegendItems(lossPlot.getLegendItems());
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        styleLegend(chart);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYPlot linePlot(XYSeriesCollection data, String axisLabel, boolean percent) {
        NumberAxis axis = new NumberAxis(axisLabel);
        axis.setAutoRangeIncludesZero(false);
        // one epoch gives one value per curve: without a floor the axis would span a rounding error
        axis.setAutoRangeMinimumSize(percent ? 2 : 0.05);
        if (percent) {
            axis.setNumberFormatOverride(new java.text.DecimalFormat("0.#"));
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        return plot;
    }

    /** Counts of actual (rows, top to bottom) against predicted class, shaded by the row's share. */
    public static JFreeChart confusion(String title, ConfusionData data) {
        int n = data.classes().size();
        double[] xs = new double[n * n];
        double[] ys = new double[n * n];
        double[] zs = new double[n * n];
        List<XYTextAnnotation> labels = new java.util.ArrayList<>();
        for (int actual = 0; actual < n; actual++) {
            int rowTotal = 0;
            for (int value : data.counts()[actual]) {
                rowTotal += value;
            }
            for (int predicted = 0; predicted < n; predicted++) {
                int i = actual * n + predicted;
                int count = data.counts()[actual][predicted];
                xs[i] = predicted;
                ys[i] = n - 1 - actual;
                zs[i] = rowTotal == 0 ? 0 : (double) count / rowTotal;
                XYTextAnnotation label = new XYTextAnnotation(Integer.toString(count), predicted, n - 1 - actual);
                label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, n > 12 ? 8 : 11));
                label.setPaint(zs[i] > 0.55 ? Color.WHITE : Color.BLACK);
                labels.add(label);
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("share", new double[][] {xs, ys, zs});
        String[] names = data.classes().toArray(String[]::new);
        String[] reversed = new String[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = names[n - 1 - i];
        }
        SymbolAxis predictedAxis = new SymbolAxis("predicted class", names);
        predictedAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        predictedAxis.setVerticalTickLabels(true);
        SymbolAxis actualAxis = new SymbolAxis("actual class (label)", reversed);
        actualAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
        for (int step = 0; step <= 20; step++) {
            double share = step / 20.0;
            scale.add(share, new Color((int) Math.round(255 - 235 * share), (int) Math.round(255 - 190 * share),
                    (int) Math.round(255 - 80 * share)));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset, predictedAxis, actualAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        labels.forEach(plot::addAnnotation);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        NumberAxis shareAxis = new NumberAxis("share of the actual class");
        shareAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, shareAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 8, 40, 4);
        legend.setStripWidth(12);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    public static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    /** Finished charts placed side by side, each in its own column of equal width. */
    public static void writeSideBySide(List<JFreeChart> charts, Path file, int columnWidth, int height)
            throws IOException {
        BufferedImage image = new BufferedImage(columnWidth * charts.size(), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), height);
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g, new Rectangle2D.Double(i * columnWidth, 0, columnWidth, height));
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void styleLegend(JFreeChart chart) {
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
    }
}
