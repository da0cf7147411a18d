package atelier.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An ordered list of transforms, applied to each image in turn, and its text form shared by the command line
 * ({@code --augment}), the run spec ({@code RunSpec.augmentation}) and the Augmentation tab: the steps joined by
 * commas, e.g. {@code flip:0.5,crop:4,rotate:10,erase:0.5}; {@code none} (or nothing) is the empty pipeline.
 */
public record AugmentationPipeline(List<TransformSpec> steps) {
    public static final String NONE_TEXT = "none";
    public static final AugmentationPipeline NONE = new AugmentationPipeline(List.of());

    public AugmentationPipeline {
        steps = List.copyOf(steps);
    }

    /** Reads the text form; an unknown transform or a bad value is refused with its name and accepted range. */
    public static AugmentationPipeline parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase(NONE_TEXT)) {
            return NONE;
        }
        List<TransformSpec> steps = new ArrayList<>();
        for (String step : text.split(",", -1)) {
            steps.add(TransformSpec.parse(step));
        }
        return new AugmentationPipeline(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public String text() {
        return isEmpty() ? NONE_TEXT : steps.stream().map(TransformSpec::text).collect(Collectors.joining(","));
    }

    /** A working copy for one thread: the transforms compiled for a shape and scale, with their scratch buffers. */
    public Augmenter augmenter(ImageShape shape, PixelScale scale) {
        return new Augmenter(steps.stream().map(step -> step.compile(shape, scale)).toList(), shape);
    }

    /** The pipeline of one step alone, for the per-transform preview. */
    public AugmentationPipeline only(int step) {
        return new AugmentationPipeline(List.of(steps.get(step)));
    }

    @Override
    public String toString() {
        return text();
    }
}
