package atelier.augment;

import atelier.data.ImageSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sheet asks to "visualize the effect of each transformation on a sample": the sample, then for each
 * step of a pipeline that step alone applied to the sample in several draws, and a grid of draws of the whole
 * pipeline. Draw d of every row uses the generator {@link AugmentationSeeds#forDraw}(seed, d), so a figure is
 * the same for the same seed, and changing one step's parameters leaves the other rows as they were.
 */
public final class AugmentationPreview {
    /** Draws of the whole pipeline in the grid. */
    public static final int GRID_DRAWS = 32;

    /** One row of a figure: what it shows, and its images (each one {@link ImageShape#pixels()} long). */
    public record Row(String label, List<float[]> images) {
    }

    private final float[] sample;
    private final ImageShape shape;
    private final PixelScale scale;

    public AugmentationPreview(float[] sample, ImageShape shape, PixelScale scale) {
        if (sample.length != shape.pixels()) {
            throw new IllegalArgumentException("sample has " + sample.length + " values, not " + shape.pixels());
        }
        this.sample = sample.clone();
        this.shape = shape;
        this.scale = scale;
    }

    /** Image {@code index} of a split, normalised with {@code scale}. */
    public static AugmentationPreview of(ImageSet images, int index, PixelScale scale) {
        if (index < 0 || index >= images.size()) {
            throw new IllegalArgumentException("image index " + index + " is outside 0.." + (images.size() - 1));
        }
        byte[] pixels = images.image(index);
        float[] sample = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            sample[i] = scale.normalised((pixels[i] & 0xff) / 255f);
        }
        return new AugmentationPreview(sample, new ImageShape(1, images.height(), images.width()), scale);
    }

    /** Mean and standard deviation of the split's pixels scaled to [0, 1], as training normalises them. */
    public static PixelScale scaleOf(ImageSet images) {
        double sum = 0;
        double squares = 0;
        byte[] buffer = new byte[images.pixelsPerImage()];
        for (int i = 0; i < images.size(); i++) {
            images.copyImage(i, buffer, 0);
            for (byte b : buffer) {
                double v = (b & 0xff) / 255.0;
                sum += v;
                squares += v * v;
            }
        }
        double count = (double) images.size() * buffer.length;
        double mean = sum / count;
        double std = Math.sqrt(Math.max(0, squares / count - mean * mean));
        return new PixelScale((float) mean, (float) Math.max(std, 1e-6));
    }

    public ImageShape shape() {
        return shape;
    }

    public PixelScale scale() {
        return scale;
    }

    public float[] sample() {
        return sample.clone();
    }

    /** {@code draws} draws of {@code pipeline} on the sample; draw d with generator forDraw(seed, d). */
    public List<float[]> draws(AugmentationPipeline pipeline, int draws, long seed) {
        Augmenter augmenter = pipeline.augmenter(shape, scale);
        List<float[]> images = new ArrayList<>(draws);
        for (int d = 0; d < draws; d++) {
            float[] image = sample.clone();
            augmenter.augment(image, 0, AugmentationSeeds.forDraw(seed, d));
            images.add(image);
        }
        return images;
    }

    /** The sample alone, then one row per step: that step by itself, {@code draws} times. */
    public List<Row> perTransform(AugmentationPipeline pipeline, int draws, long seed) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("original", List.of(sample.clone())));
        for (int step = 0; step < pipeline.steps().size(); step++) {
            rows.add(new Row(pipeline.steps().get(step).text(), draws(pipeline.only(step), draws, seed)));
        }
        return rows;
    }

    /** {@value #GRID_DRAWS} draws of the whole pipeline, {@code columns} to a row. */
    public List<Row> grid(AugmentationPipeline pipeline, int columns, long seed) {
        List<float[]> all = draws(pipeline, GRID_DRAWS, seed);
        List<Row> rows = new ArrayList<>();
        for (int start = 0; start < all.size(); start += columns) {
            rows.add(new Row(start == 0 ? pipeline.text() : "", all.subList(start, Math.min(all.size(),
                    start + columns))));
        }
        return rows;
    }

    /** An image as opaque grey ARGB pixels (raw values clamped to [0, 1]), for drawing it. */
    public static int[] argb(float[] image, ImageShape shape, PixelScale scale) {
        int[] argb = new int[shape.plane()];
        for (int i = 0; i < argb.length; i++) {
            float raw = scale.raw(image[i]);
            int grey = Math.round(255 * (raw < 0 ? 0 : Math.min(raw, 1f)));
            argb[i] = 0xff000000 | grey << 16 | grey << 8 | grey;
        }
        return argb;
    }
}
