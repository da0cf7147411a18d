package atelier.analysis.actmax;

import atelier.analysis.ConfusionMatrix;
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
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Generated images as PNG files: one image at its own size in 8-bit grey (so that reading it back gives the network
 * exactly what {@link Ascent#quantized()} scored), and the gallery, enlarged without smoothing, with each class's
 * name, probability and test accuracy.
 */
public final class ActmaxImages {
    private static final int GALLERY_ZOOM = 4;
    private static final int CAPTION = 44;
    private static final int GAP = 10;

    private ActmaxImages() {
    }

    /** An 8-bit grey image of one plane of network inputs, each pixel {@code zoom}×{@code zoom}. */
    public static BufferedImage grey(float[] image, int height, int width, PixelScale scale, int zoom) {
        BufferedImage out = new BufferedImage(width * zoom, height * zoom, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height * zoom; y++) {
            for (int x = 0; x < width * zoom; x++) {
                int level = scale.grey(image[(y / zoom) * width + x / zoom]);
                out.getRaster().setSample(x, y, 0, level);
            }
        }
        return out;
    }

    public static void writeImage(Path file, float[] image, long[] shape, PixelScale scale) {
        write(file, grey(image, (int) shape[1], (int) shape[2], scale, 1));
    }

    /** The grey levels of a PNG as pixel values 0 to 1, row by row. */
    public static float[] readPixels(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalArgumentException(file + ": not an image ImageIO can read");
            }
            float[] pixels = new float[image.getWidth() * image.getHeight()];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    pixels[y * image.getWidth() + x] = image.getRaster().getSample(x, y, 0) / 255f;
                }
            }
            return pixels;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    public static BufferedImage gallery(AscentState state, List<String> names, ConfusionMatrix confusion,
                                        long[] shape, PixelScale scale) {
        int height = (int) shape[1];
        int width = (int) shape[2];
        int tileWidth = Math.max(width * GALLERY_ZOOM, 112);
        int columns = Math.min(5, state.size());
        int rows = (state.size() + columns - 1) / columns;
        int cellWidth = tileWidth + GAP;
        int cellHeight = height * GALLERY_ZOOM + CAPTION + GAP;
        BufferedImage out = new BufferedImage(columns * cellWidth + GAP, rows * cellHeight + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < state.size(); i++) {
            int x = GAP + (i % columns) * cellWidth;
            int y = GAP + (i / columns) * cellHeight;
            BufferedImage tile = grey(state.images()[i], height, width, scale, GALLERY_ZOOM);
            g.drawImage(tile, x + (tileWidth - tile.getWidth()) / 2, y, null);
            int unit = state.units()[i];
            g.setColor(Color.BLACK);
            String name = unit < names.size() ? names.get(unit) : String.valueOf(unit);
            g.drawString(unit + " " + name, x, y + height * GALLERY_ZOOM + 14);
            g.setColor(new Color(0x44, 0x44, 0x44));
            g.drawString(String.format(Locale.ROOT, "p %.3f", state.probability(i)), x,
                    y + height * GALLERY_ZOOM + 27);
            if (confusion != null && unit < confusion.classes()) {
                g.drawString(String.format(Locale.ROOT, "test acc %.1f%%",
                        100 * confusion.perClass().get(unit).accuracy()), x, y + height * GALLERY_ZOOM + 40);
            }
        }
        g.dispose();
        return out;
    }

    public static void writeGallery(Path file, AscentState state, List<String> names, ConfusionMatrix confusion,
                                    long[] shape, PixelScale scale) {
        write(file, gallery(state, names, confusion, shape, scale));
    }

    /** Writes a PNG atomically (the whole file or nothing). */
    public static void write(Path file, BufferedImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer available");
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            AtomicFiles.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }
}
