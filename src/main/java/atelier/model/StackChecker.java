package atelier.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Shape and parameter arithmetic for a layer list, without building a network: cheap enough to run on every edit
 * of the custom architecture, and able to say which layer is wrong and why, where DL4J would only throw from deep
 * inside its configuration code. The numbers follow DL4J's rules (SAME: ceil(in / stride); VALID and pooling:
 * floor((in - kernel) / stride) + 1), which are PyTorch's for the layers used here; a test holds them equal to the
 * counts read from the built networks.
 */
public final class StackChecker {
    /** Beyond this one layer alone needs 4 GB of floats: surely a typo, and DL4J would fail to allocate it. */
    static final long MAX_LAYER_PARAMETERS = 1L << 30;

    private StackChecker() {
    }

    public static StackCheck check(List<LayerSpec> layers, InputShape input, int classes) {
        return check(layers, LayerNaming.names(layers), input, classes);
    }

    /**
     * With the names the layers have in a network that is not named by {@link LayerNaming} (VGG16's); a name past
     * the last layer's is the output layer's.
     */
    static StackCheck check(List<LayerSpec> layers, List<String> names, InputShape input, int classes) {
        String outputName = names.size() > layers.size() ? names.get(layers.size()) : LayerNaming.OUTPUT;
        List<LayerCheck> checks = new ArrayList<>(layers.size() + 1);
        Shape shape = Shape.image(input.channels(), input.height(), input.width());
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (shape == null) {
                checks.add(new LayerCheck(i, names.get(i), layer.text(), List.of(), 0, 0, null));
                continue;
            }
            Result result = step(layer, shape);
            checks.add(new LayerCheck(i, names.get(i), layer.text(),
                    result.shape == null ? List.of() : result.shape.asList(), result.trainable, result.nonTrainable,
                    result.error));
            shape = result.shape;
        }
        String outputText = "output " + classes + " softmax";
        if (shape == null) {
            checks.add(new LayerCheck(layers.size(), outputName, outputText, List.of(), 0, 0, null));
        } else if (classes < 2) {
            checks.add(new LayerCheck(layers.size(), outputName, outputText, List.of(), 0, 0,
                    "a classifier needs at least 2 classes, got " + classes));
        } else {
            Result output = dense(shape, classes);
            checks.add(new LayerCheck(layers.size(), outputName, outputText, output.shape.asList(),
                    output.trainable, 0, output.error));
        }
        return new StackCheck(input, checks);
    }

    private static Result step(LayerSpec layer, Shape in) {
        if (layer instanceof LayerSpec.Conv conv) {
            return conv(conv, in);
        }
        if (layer instanceof LayerSpec.Pool pool) {
            return pool(pool, in);
        }
        if (layer instanceof LayerSpec.BatchNorm) {
            long features = in.flat ? in.values() : in.channels;
            return Result.fits(in, 2 * features, 2 * features);
        }
        if (layer instanceof LayerSpec.Dropout dropout) {
            if (!(dropout.rate() >= 0 && dropout.rate() < 1)) {
                return Result.error("the dropout probability must be at least 0 and below 1, got "
                        + LayerSpecText.number(dropout.rate()));
            }
            return Result.fits(in, 0, 0);
        }
        if (layer instanceof LayerSpec.Dense dense) {
            if (dense.units() < 1) {
                return Result.error("a dense layer needs at least 1 unit, got " + dense.units());
            }
            return dense(in, dense.units());
        }
        if (layer instanceof LayerSpec.Residual residual) {
            return residual(residual, in);
        }
        throw new IllegalArgumentException("unknown layer " + layer);
    }

    private static Result conv(LayerSpec.Conv conv, Shape in) {
        if (conv.filters() < 1) {
            return Result.error("a convolution needs at least 1 filter, got " + conv.filters());
        }
        String bad = kernelProblem(conv.kernel(), conv.stride());
        if (bad != null) {
            return Result.error(bad);
        }
        if (in.flat) {
            return Result.error(needsImage("a convolution", in));
        }
        int height;
        int width;
        if (conv.padding() == LayerSpec.Padding.SAME) {
            height = ceilDiv(in.height, conv.stride());
            width = ceilDiv(in.width, conv.stride());
        } else {
            if (in.height < conv.kernel() || in.width < conv.kernel()) {
                return Result.error("a " + conv.kernel() + "x" + conv.kernel() + " kernel does not fit the "
                        + in.height + "x" + in.width + " input without padding; use same padding or a smaller "
                        + "kernel, or remove a pooling before it");
            }
            height = (in.height - conv.kernel()) / conv.stride() + 1;
            width = (in.width - conv.kernel()) / conv.stride() + 1;
        }
        long weights = (long) in.channels * conv.filters() * conv.kernel() * conv.kernel() + conv.filters();
        return sized(Shape.image(conv.filters(), height, width), weights);
    }

    private static Result pool(LayerSpec.Pool pool, Shape in) {
        String bad = kernelProblem(pool.size(), pool.stride());
        if (bad != null) {
            return Result.error(bad.replace("kernel", "pooling"));
        }
        if (in.flat) {
            return Result.error(needsImage("pooling", in));
        }
        if (in.height < pool.size() || in.width < pool.size()) {
            return Result.error(pool.size() + "x" + pool.size() + " pooling does not fit the " + in.height + "x"
                    + in.width + " input: no pixels would be left");
        }
        return Result.fits(Shape.image(in.channels, (in.height - pool.size()) / pool.stride() + 1,
                (in.width - pool.size()) / pool.stride() + 1), 0, 0);
    }

    private static Result residual(LayerSpec.Residual residual, Shape in) {
        String bad = kernelProblem(residual.kernel(), 1);
        if (bad != null) {
            return Result.error(bad);
        }
        if (in.flat) {
            return Result.error(needsImage("a residual block", in));
        }
        long oneConv = (long) in.channels * in.channels * residual.kernel() * residual.kernel() + in.channels;
        return sized(in, 2 * oneConv);
    }

    private static Result dense(Shape in, int units) {
        return sized(Shape.vector(units), in.values() * units + units);
    }

    private static Result sized(Shape out, long trainable) {
        if (trainable > MAX_LAYER_PARAMETERS) {
            return Result.error(String.format("this layer alone would have %,d parameters; more than %,d cannot "
                    + "be trained here", trainable, MAX_LAYER_PARAMETERS));
        }
        return Result.fits(out, trainable, 0);
    }

    private static String kernelProblem(int kernel, int stride) {
        if (kernel < 1) {
            return "the kernel size must be at least 1, got " + kernel;
        }
        if (stride < 1) {
            return "the stride must be at least 1, got " + stride;
        }
        return null;
    }

    private static String needsImage(String what, Shape in) {
        return what + " needs an image, but the layer before gives a flat vector of " + in.values()
                + " values; put it before the first dense layer";
    }

    private static int ceilDiv(int value, int divisor) {
        return (value + divisor - 1) / divisor;
    }

    /** An image (channels, height, width) or a flat vector (values in channels). */
    private record Shape(boolean flat, int channels, int height, int width) {
        static Shape image(int channels, int height, int width) {
            return new Shape(false, channels, height, width);
        }

        static Shape vector(int values) {
            return new Shape(true, values, 1, 1);
        }

        long values() {
            return (long) channels * height * width;
        }

        List<Integer> asList() {
            return flat ? List.of(channels) : List.of(channels, height, width);
        }
    }

    private record Result(Shape shape, long trainable, long nonTrainable, String error) {
        static Result fits(Shape shape, long trainable, long nonTrainable) {
            return new Result(shape, trainable, nonTrainable, null);
        }

        static Result error(String error) {
            return new Result(null, 0, 0, error);
        }
    }
}
