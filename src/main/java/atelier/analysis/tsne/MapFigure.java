package atelier.analysis.tsne;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import atelier.data.AtomicFiles;

/**
 * The map as a figure for print: points in their class colours, a legend with each class's count, axis labels and a
 * caption with the layer, the number of points and the map's scores. Drawn with Java2D, so the command line and the
 * tab write the same figure.
 */
public final class MapFigure {
    private MapFigure() {
    }

    /**
     * @param labels  the class of each point (as shown)
     * @param visible which classes to draw (null: all)
     * @param title   first caption line, e.g. "mnist-net fc1 · MNIST train"
     */
    public static BufferedImage render(TsneMap map, int[] labels, List<String> classes, boolean[] visible,
                                       String title, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        float scale = width / 1600f;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(22 * scale));
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int margin = Math.round(80 * scale);
        int legendWidth = Math.round(300 * scale);
        int captionHeight = Math.round(110 * scale);
        int plotLeft = margin;
        int plotTop = Math.round(30 * scale);
        int plotWidth = width - margin - legendWidth - plotLeft;
        int plotHeight = height - captionHeight - plotTop - margin / 2;
        float[] xy = map.map();
        float minX = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < map.size(); i++) {
            minX = Math.min(minX, xy[2 * i]);
            maxX = Math.max(maxX, xy[2 * i]);
            minY = Math.min(minY, xy[2 * i + 1]);
            maxY = Math.max(maxY, xy[2 * i + 1]);
        }
        // One scale for both axes: t-SNE distances mean the same in every direction.
        float units = Math.max(maxX - minX, maxY - minY) * 1.04f + 1e-6f;
        float perUnit = Math.min(plotWidth, plotHeight) / units;
        float centreX = (minX + maxX) / 2;
        float centreY = (minY + maxY) / 2;
        float originX = plotLeft + plotWidth / 2f;
        float originY = plotTop + plotHeight / 2f;
        g.setColor(new Color(0x444444));
        g.setStroke(new BasicStroke(Math.max(1, 1.5f * scale)));
        g.drawRect(plotLeft, plotTop, plotWidth, plotHeight);
        double radius = Math.max(1.0, 2.2 * scale * Math.sqrt(20_000.0 / Math.max(1, map.size())));
        radius = Math.min(radius, 6 * scale);
        Ellipse2D.Double dot = new Ellipse2D.Double();
        int[] counts = new int[Math.max(classes.size(), 1)];
        for (int i = 0; i < map.size(); i++) {
            int label = labels[i];
            if (label >= 0 && label < counts.length) {
                counts[label]++;
            }
            if (visible != null && label >= 0 && label < visible.length && !visible[label]) {
                continue;
            }
            Color colour = new Color(ClassColors.rgb(label));
            g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 190));
            double px = originX + (xy[2 * i] - centreX) * perUnit;
            double py = originY - (xy[2 * i + 1] - centreY) * perUnit;
            dot.setFrame(px - radius, py - radius, 2 * radius, 2 * radius);
            g.fill(dot);
        }
        g.setColor(Color.BLACK);
        String xLabel = "t-SNE 1";
        g.drawString(xLabel, originX - metrics.stringWidth(xLabel) / 2f, plotTop + plotHeight + metrics.getHeight());
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        String yLabel = "t-SNE 2";
        rotated.drawString(yLabel, -(originY + metrics.stringWidth(yLabel) / 2f), plotLeft - metrics.getDescent()
                - 8 * scale);
        rotated.dispose();
        int legendX = plotLeft + plotWidth + Math.round(30 * scale);
        int line = Math.round(metrics.getHeight() * 1.25f);
        g.drawString("class (images)", legendX, plotTop + metrics.getAscent());
        for (int c = 0; c < classes.size(); c++) {
            int top = plotTop + (c + 1) * line + line / 4;
            boolean shown = visible == null || c >= visible.length || visible[c];
            g.setColor(shown ? new Color(ClassColors.rgb(c)) : new Color(0xDDDDDD));
            int box = Math.round(metrics.getAscent() * 0.9f);
            g.fillRect(legendX, top, box, box);
            g.setColor(shown ? Color.BLACK : Color.GRAY);
            g.drawString(classes.get(c) + "  (" + String.format("%,d", counts[c]) + ")", legendX + box
                    + 10 * scale, top + box);
        }
        TsneMap.Summary s = map.summary();
        g.setColor(Color.BLACK);
        int captionTop = height - captionHeight + metrics.getAscent();
        g.drawString(title + " · " + String.format("%,d", s.points()) + " points, " + s.dims()
                + "-dimensional features", plotLeft, captionTop);
        g.setColor(new Color(0x333333));
        g.drawString(String.format("10-NN class accuracy: features %.2f%%, map %.2f%% · trustworthiness@10 %.3f "
                + "(%,d points) · KL %.3f", 100 * s.featureKnnAccuracy(), 100 * s.mapKnnAccuracy(),
                s.trustworthiness(), s.trustworthinessSample(), s.klDivergence()), plotLeft, captionTop + line);
        g.drawString("t-SNE " + s.parameters(), plotLeft, captionTop + 2 * line);
        g.dispose();
        return image;
    }

    public static void writePng(BufferedImage image, Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": the figure could not be encoded (" + e.getMessage() + ")", e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
