package atelier.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The shape reasoning the Architecture tab shows beside a network: how the image shrinks layer by layer, and why
 * the design does what it does (same padding, floor pooling, the bypass, BatchNorm's statistics, dropout's number).
 * Each note is worked out from the layer list and the input, so it is true for the size the user picked.
 */
final class ShapeNotes {
    private ShapeNotes() {
    }

    /** "[1,28,28] -> conv1 [32,26,26] -> ... -> output [10]"; layers that keep the shape are named only. */
    static String flow(StackCheck check) {
        StringJoiner flow = new StringJoiner(" -> ", "Shapes: ", "");
        List<Integer> previous = check.input().asList();
        flow.add(previous.toString().replace(" ", ""));
        for (LayerCheck layer : check.layers()) {
            if (!layer.ok()) {
                flow.add(layer.name() + " fails (" + layer.error() + ")");
                break;
            }
            if (!layer.shapeKnown()) {
                break;
            }
            boolean same = layer.outputShape().equals(previous);
            flow.add(same ? layer.name() : layer.name() + " " + layer.outputShape().toString().replace(" ", ""));
            previous = layer.outputShape();
        }
        return flow.toString();
    }

    /**
     * Where valid padding would have led, for lists that use same padding. Not for lists with residual blocks:
     * their convolutions must keep the size, which {@link #residual} explains.
     */
    static Optional<String> padding(List<LayerSpec> layers, StackCheck check, int classes) {
        List<LayerSpec> valid = new ArrayList<>(layers.size());
        boolean anySame = false;
        for (LayerSpec layer : layers) {
            if (layer instanceof LayerSpec.Conv conv && conv.padding() == LayerSpec.Padding.SAME) {
                anySame = true;
                valid.add(new LayerSpec.Conv(conv.filters(), conv.kernel(), conv.stride(), LayerSpec.Padding.VALID,
                        conv.activation()));
            } else {
                valid.add(layer);
            }
        }
        boolean bypass = layers.stream().anyMatch(layer -> layer instanceof LayerSpec.Residual);
        if (!anySame || bypass || !check.ok()) {
            return Optional.empty();
        }
        StackCheck alternative = StackChecker.check(valid, check.input(), classes);
        String validSizes = sizes(alternative);
        String sameSizes = sizes(check);
        if (alternative.ok()) {
            return Optional.of(String.format("Same padding keeps the size through each convolution (%s). With valid "
                            + "padding the image would shrink %s and the network would have %,d trainable parameters "
                            + "instead of %,d.", sameSizes, validSizes, alternative.trainable(), check.trainable()));
        }
        return Optional.of("Why same padding: with valid padding each convolution takes kernel-1 pixels off, the image "
                + "would shrink " + validSizes + ", and " + alternative.firstProblem().orElseThrow() + ". Same padding "
                + "keeps the size through each convolution, so only the poolings shrink it: " + sameSizes + ".");
    }

    /** Poolings whose window does not fit a whole number of times, which drop the last rows and columns. */
    static Optional<String> flooredPooling(List<LayerSpec> layers, StackCheck check) {
        List<String> floored = new ArrayList<>();
        List<Integer> in = check.input().asList();
        for (int i = 0; i < layers.size() && check.layers().get(i).shapeKnown(); i++) {
            LayerCheck row = check.layers().get(i);
            if (layers.get(i) instanceof LayerSpec.Pool pool && in.size() == 3
                    && ((in.get(1) - pool.size()) % pool.stride() != 0 || (in.get(2) - pool.size()) % pool.stride() != 0)) {
                floored.add(row.name() + " turns " + in.get(1) + "x" + in.get(2) + " into " + row.outputShape().get(1)
                        + "x" + row.outputShape().get(2));
            }
            in = row.outputShape();
        }
        if (floored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", floored) + ": a window that does not fit is dropped with the last rows "
                + "and columns (floor), as PyTorch's MaxPool2d does by default.");
    }

    static Optional<String> residual(List<LayerSpec> layers) {
        if (layers.stream().noneMatch(layer -> layer instanceof LayerSpec.Residual)) {
            return Optional.empty();
        }
        return Optional.of("Each residual block computes x + conv(relu(conv(x))). The addition needs the block's "
                + "output to have its input's shape, so both convolutions use same padding and keep the channel "
                + "count; the identity bypass itself has no parameters, so the block costs what its two "
                + "convolutions cost.");
    }

    static Optional<String> batchNorm(List<LayerSpec> layers) {
        if (layers.stream().noneMatch(layer -> layer instanceof LayerSpec.BatchNorm)) {
            return Optional.empty();
        }
        return Optional.of("Each batch normalization learns a scale and a shift per channel (trainable) and keeps "
                + "a running mean and variance (non-trainable: PyTorch keeps them as buffers, DL4J among its "
                + "parameters, updated by averaging rather than by gradient). DL4J stores the variance as "
                + "log10 of the standard deviation.");
    }

    static Optional<String> dropout(List<LayerSpec> layers) {
        return layers.stream().filter(layer -> layer instanceof LayerSpec.Dropout).findFirst()
                .map(layer -> {
                    double rate = ((LayerSpec.Dropout) layer).rate();
                    return "Dropout rates are PyTorch's, the probability of dropping a value; DL4J's DropoutLayer "
                            + "takes the probability of keeping it, so " + LayerSpecText.number(rate) + " becomes "
                            + LayerSpecText.number(Math.round((1 - rate) * 1e6) / 1e6) + ".";
                });
    }

    /** The image sizes a check passes through, "28x28 -> 26x26 -> ...", with each size once. */
    private static String sizes(StackCheck check) {
        StringJoiner sizes = new StringJoiner(" -> ");
        String last = check.input().height() + "x" + check.input().width();
        sizes.add(last);
        for (LayerCheck layer : check.layers()) {
            if (layer.outputShape().size() != 3) {
                continue;
            }
            String size = layer.outputShape().get(1) + "x" + layer.outputShape().get(2);
            if (!size.equals(last)) {
                sizes.add(size);
                last = size;
            }
        }
        return sizes.toString();
    }
}
