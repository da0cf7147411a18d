package atelier.ui.tsne;

import atelier.analysis.tsne.ClassColors;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * The scatter: every point written as a small square into an ARGB pixel buffer (a few milliseconds for 60,000
 * points, where 60,000 Canvas shape calls take far longer), shown as one image, with the lasso and the hover mark
 * drawn on top. Scroll zooms about the cursor, right or middle drag pans, double-click fits the map; a left drag
 * draws a lasso, with Shift a rectangle.
 */
final class MapCanvas extends Pane {
    private static final int BACKGROUND = 0xFFFFFFFF;
    private static final int SELECTED = 0xFF000000;

    private final TsneViewModel model;
    private final Canvas canvas = new Canvas();
    private int[] pixels = new int[0];
    private WritableImage image;
    private PixelBuffer<IntBuffer> buffer;
    private double scale = 1;
    private double offsetX;
    private double offsetY;
    private boolean fitted;
    private final List<double[]> lasso = new ArrayList<>();
    private boolean rectangle;
    private double panX;
    private double panY;

    MapCanvas(TsneViewModel model) {
        this.model = model;
        getChildren().add(canvas);
        getStyleClass().add("tsne-map");
        setMinSize(200, 200);
        widthProperty().addListener(obs -> resize());
        heightProperty().addListener(obs -> resize());
        model.pointsProperty().addListener((obs, old, points) -> {
            if (old == null || points == null || old.size() != points.size() || !fitted) {
                fitted = false;
            }
            redraw();
        });
        model.labelsProperty().addListener(obs -> redraw());
        model.hiddenClasses().addListener((javafx.collections.SetChangeListener<Integer>) change -> redraw());
        model.selection().addListener((javafx.collections.ListChangeListener<Integer>) change -> redraw());
        model.hoveredProperty().addListener(obs -> redraw());
        setOnScroll(this::zoom);
        setOnMousePressed(this::press);
        setOnMouseDragged(this::drag);
        setOnMouseReleased(this::release);
        setOnMouseMoved(event -> model.hover(nearest(event.getX(), event.getY())));
        setOnMouseExited(event -> model.hover(-1));
        setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                fitted = false;
                redraw();
            }
        });
    }

    private void resize() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        fitted = false;
        redraw();
    }

    /** Scales the map's bounding box into the canvas (one scale for both axes). */
    private void fit(float[] map) {
        float minX = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < map.length / 2; i++) {
            minX = Math.min(minX, map[2 * i]);
            maxX = Math.max(maxX, map[2 * i]);
            minY = Math.min(minY, map[2 * i + 1]);
            maxY = Math.max(maxY, map[2 * i + 1]);
        }
        double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9) * 1.06;
        scale = Math.min(getWidth(), getHeight()) / span;
        offsetX = getWidth() / 2 - (minX + maxX) / 2 * scale;
        offsetY = getHeight() / 2 + (minY + maxY) / 2 * scale;
    }

    double screenX(double x) {
        return offsetX + x * scale;
    }

    double screenY(double y) {
        return offsetY - y * scale;
    }

    double mapX(double screenX) {
        return (screenX - offsetX) / scale;
    }

    double mapY(double screenY) {
        return (offsetY - screenY) / scale;
    }

    void redraw() {
        int width = (int) Math.floor(getWidth());
        int height = (int) Math.floor(getHeight());
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        TsneViewModel.Points points = model.pointsProperty().get();
        if (width < 1 || height < 1 || points == null) {
            return;
        }
        // While the map is still growing (optimizing) it is refitted on every frame, so it never leaves the view.
        if (!fitted || model.computingProperty().get()) {
            fit(points.map());
            fitted = !model.computingProperty().get();
        }
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            pixels = new int[width * height];
            buffer = new PixelBuffer<>(width, height, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
        }
        java.util.Arrays.fill(pixels, BACKGROUND);
        int[] labels = model.labelsProperty().get();
        int size = points.size() > 20_000 ? 2 : 3;
        Set<Integer> selected = new HashSet<>(model.selection());
        for (int i = 0; i < points.size(); i++) {
            if (!model.isShown(i)) {
                continue;
            }
            int colour = 0xFF000000 | ClassColors.rgb(i < labels.length ? labels[i] : 0);
            plot((int) screenX(points.map()[2 * i]), (int) screenY(points.map()[2 * i + 1]), size, colour,
                    width, height);
        }
        for (int i : selected) {
            if (i < points.size() && model.isShown(i)) {
                plot((int) screenX(points.map()[2 * i]), (int) screenY(points.map()[2 * i + 1]), size + 1, SELECTED,
                        width, height);
            }
        }
        buffer.updateBuffer(b -> null);
        g.drawImage(image, 0, 0);
        int hover = model.hoveredProperty().get();
        if (hover >= 0 && hover < points.size()) {
            g.setStroke(Color.BLACK);
            g.setLineWidth(1.5);
            g.strokeOval(screenX(points.map()[2 * hover]) - 6, screenY(points.map()[2 * hover + 1]) - 6, 12, 12);
        }
        if (lasso.size() > 1) {
            g.setStroke(Color.web("#333333"));
            g.setLineDashes(5, 4);
            g.setLineWidth(1.2);
            g.beginPath();
            g.moveTo(lasso.get(0)[0], lasso.get(0)[1]);
            for (double[] p : lasso) {
                g.lineTo(p[0], p[1]);
            }
            g.closePath();
            g.stroke();
            g.setLineDashes();
        }
    }

    private void plot(int x, int y, int size, int colour, int width, int height) {
        for (int dy = 0; dy < size; dy++) {
            int row = y + dy - size / 2;
            if (row < 0 || row >= height) {
                continue;
            }
            for (int dx = 0; dx < size; dx++) {
                int column = x + dx - size / 2;
                if (column >= 0 && column < width) {
                    pixels[row * width + column] = colour;
                }
            }
        }
    }

    /** The shown point nearest to the cursor within 6 pixels, or -1. */
    int nearest(double x, double y) {
        TsneViewModel.Points points = model.pointsProperty().get();
        if (points == null) {
            return -1;
        }
        double mx = mapX(x);
        double my = mapY(y);
        double best = Math.pow(6 / scale, 2);
        int found = -1;
        for (int i = 0; i < points.size(); i++) {
            double dx = points.map()[2 * i] - mx;
            double dy = points.map()[2 * i + 1] - my;
            double d = dx * dx + dy * dy;
            if (d < best && model.isShown(i)) {
                best = d;
                found = i;
            }
        }
        return found;
    }

    private void zoom(ScrollEvent event) {
        double factor = Math.pow(1.0015, event.getDeltaY());
        double mx = mapX(event.getX());
        double my = mapY(event.getY());
        scale *= factor;
        offsetX = event.getX() - mx * scale;
        offsetY = event.getY() + my * scale;
        fitted = true;
        redraw();
    }

    private void press(MouseEvent event) {
        if (event.getButton() == MouseButton.PRIMARY) {
            lasso.clear();
            rectangle = event.isShiftDown();
            lasso.add(new double[] {event.getX(), event.getY()});
        } else {
            panX = event.getX();
            panY = event.getY();
        }
    }

    private void drag(MouseEvent event) {
        if (event.getButton() == MouseButton.PRIMARY && !lasso.isEmpty()) {
            if (rectangle) {
                double[] start = lasso.get(0);
                lasso.clear();
                lasso.add(start);
                lasso.add(new double[] {event.getX(), start[1]});
                lasso.add(new double[] {event.getX(), event.getY()});
                lasso.add(new double[] {start[0], event.getY()});
            } else {
                lasso.add(new double[] {event.getX(), event.getY()});
            }
        } else if (event.getButton() != MouseButton.PRIMARY) {
            offsetX += event.getX() - panX;
            offsetY += event.getY() - panY;
            panX = event.getX();
            panY = event.getY();
            fitted = true;
        }
        redraw();
    }

    private void release(MouseEvent event) {
        if (event.getButton() == MouseButton.PRIMARY && lasso.size() >= 3) {
            double[] xs = new double[lasso.size()];
            double[] ys = new double[lasso.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = mapX(lasso.get(i)[0]);
                ys[i] = mapY(lasso.get(i)[1]);
            }
            model.selectPolygon(xs, ys);
        }
        lasso.clear();
        redraw();
        requestFocus();
    }
}
