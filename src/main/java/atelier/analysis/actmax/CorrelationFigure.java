package atelier.analysis.actmax;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The answer to the sheet's question as a figure: per-class test accuracy (x) against each quality measure (y),
 * one labelled point per class, Spearman's rho in each panel's title. Drawn with Java2D rather than a chart
 * library: it is two scatter panels of ten points, and the core must not depend on JavaFX's charts.
 */
public final class CorrelationFigure {
    private static final int PANEL_WIDTH = 460;
    private static final int HEIGHT = 400;
    private static final int MARGIN_LEFT = 60;
    private static final int MARGIN_BOTTOM = 50;
    private static final int MARGIN_TOP = 40;
    private static final int MARGIN_RIGHT = 20;

    private CorrelationFigure() {
    }

    public static BufferedImage draw(QualityStudy study) {
        boolean judged = study.judgeName() != null;
        int panels = judged ? 2 : 1;
        BufferedImage out = new BufferedImage(PANEL_WIDTH * panels, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        panel(g, 0, study.classes(), QualityStudy.ClassQuality::meanCorrelation,
                "correlation with the class's mean training image", study.meanCorrelationRho(), "");
        if (judged) {
            panel(g, PANEL_WIDTH, study.classes(), QualityStudy.ClassQuality::judgeProbability,
                    "probability the judge gives the image's class", study.judgeRho(),
                    "judge: " + study.judgeName());
        }
        g.dispose();
        return out;
    }

    public static void write(QualityStudy study, Path file) {
        ActmaxImages.write(file, draw(study));
    }

    private static void panel(Graphics2D g, int left, List<QualityStudy.ClassQuality> rows,
                              ToDoubleFunction<QualityStudy.ClassQuality> measure, String label, double rho,
                              String note) {
        double[] xs = rows.stream().mapToDouble(QualityStudy.ClassQuality::accuracy).toArray();
        double[] ys = rows.stream().mapToDouble(measure).toArray();
        double[] xRange = range(xs);
        // accuracy cannot pass 100%: the padding must not put a 101% tick on the axis
        xRange[1] = Math.min(1.0, xRange[1]);
        double[] yRange = range(ys);
        int plotLeft = left + MARGIN_LEFT;
        int plotRight = left + PANEL_WIDTH - MARGIN_RIGHT;
        int plotTop = MARGIN_TOP;
        int plotBottom = HEIGHT - MARGIN_BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(String.format(Locale.ROOT, "Spearman's rho = %s", Double.isNaN(rho) ? "n/a"
                : String.format(Locale.ROOT, "%+.2f", rho)), plotLeft, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(note, plotLeft + 195, 22);
        g.setColor(new Color(0xDD, 0xDD, 0xDD));
        g.drawRect(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop);
        g.setColor(Color.DARK_GRAY);
        for (int t = 0; t <= 4; t++) {
            double xv = xRange[0] + t * (xRange[1] - xRange[0]) / 4;
            int x = (int) map(xv, xRange, plotLeft, plotRight);
            g.drawLine(x, plotBottom, x, plotBottom + 4);
            g.drawString(String.format(Locale.ROOT, "%.0f%%", 100 * xv), x - 12, plotBottom + 17);
            double yv = yRange[0] + t * (yRange[1] - yRange[0]) / 4;
            int y = (int) map(yv, yRange, plotBottom, plotTop);
            g.drawLine(plotLeft - 4, y, plotLeft, y);
            g.drawString(String.format(Locale.ROOT, "%.2f", yv), plotLeft - 34, y + 4);
        }
        g.drawString("test accuracy of the class (maximized run)", plotLeft + 40, HEIGHT - 12);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(label, -plotBottom + 10, left + 14);
        rotated.dispose();
        g.setStroke(new BasicStroke(1.5f));
        for (int i = 0; i < rows.size(); i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                continue;
            }
            int x = (int) map(xs[i], xRange, plotLeft, plotRight);
            int y = (int) map(ys[i], yRange, plotBottom, plotTop);
            g.setColor(new Color(0x1F, 0x77, 0xB4));
            g.fillOval(x - 4, y - 4, 8, 8);
            g.setColor(Color.BLACK);
            g.drawString(rows.get(i).name(), x + 6, y - 4);
        }
    }

    private static double[] range(double[] values) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        if (low > high) {
            return new double[] {0, 1};
        }
        double pad = Math.max(1e-3, (high - low) * 0.08);
        return new double[] {low - pad, high + pad};
    }

    private static double map(double value, double[] range, double from, double to) {
        return from + (value - range[0]) / (range[1] - range[0]) * (to - from);
    }
}
