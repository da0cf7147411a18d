package atelier.augment;

import atelier.data.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A preview's rows drawn as one picture for a report: each row's label on the left, its images enlarged
 * (nearest neighbour, so pixels stay visible) to the right, on white. Java2D, not JavaFX, so that the command
 * line writes the same figure as the tab's export.
 */
public final class PreviewFigure {
    private static final int GAP = 6;
    private static final int LABEL_WIDTH = 190;

    private PreviewFigure() {
    }

    public static BufferedImage render(List<AugmentationPreview.Row> rows, ImageShape shape, PixelScale scale,
                                       int zoom) {
        int cellWidth = shape.width() * zoom;
        int cellHeight = shape.height() * zoom;
        int columns = rows.stream().mapToInt(r -> r.images().size()).max().orElse(1);
        int width = LABEL_WIDTH + columns * (cellWidth + GAP) + GAP;
        int height = rows.size() * (cellHeight + GAP) + GAP;
        BufferedImage figure = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            BufferedImage cell = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
            for (int r = 0; r < rows.size(); r++) {
                AugmentationPreview.Row row = rows.get(r);
                int top = GAP + r * (cellHeight + GAP);
                g.setColor(Color.DARK_GRAY);
                g.drawString(clip(g, row.label()), GAP, top + cellHeight / 2 + 4);
                for (int c = 0; c < row.images().size(); c++) {
                    cell.setRGB(0, 0, shape.width(), shape.height(),
                            AugmentationPreview.argb(row.images().get(c), shape, scale), 0, shape.width());
                    g.drawImage(cell, LABEL_WIDTH + c * (cellWidth + GAP), top, cellWidth, cellHeight, null);
                }
            }
        } finally {
            g.dispose();
        }
        return figure;
    }

    /** The label cut to the label column, with an ellipsis (the whole pipeline text can be long). */
    private static String clip(Graphics2D g, String label) {
        var metrics = g.getFontMetrics();
        if (metrics.stringWidth(label) <= LABEL_WIDTH - 2 * GAP) {
            return label;
        }
        String cut = label;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > LABEL_WIDTH - 2 * GAP) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /** Writes the figure as PNG, atomically. */
    public static void writePng(BufferedImage figure, Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(figure, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": PNG not written (" + e.getMessage() + ")", e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
