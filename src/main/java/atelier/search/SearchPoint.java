package atelier.search;

import atelier.model.LayerSpec;
import atelier.model.LayerSpecText;
import atelier.model.Nonlinearity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One design of the {@link SearchSpace}, and the layer list it stands for. Each block is its convolutions (SAME
 * padding, so only pooling shrinks the image), with the residual bypass a pair of convolutions around an identity
 * shortcut after them, then 2x2 max pooling; dropout follows the last pooling and every dense layer. Batch
 * normalization sits between each convolution or dense layer and its ReLU, as in mnist-net-bn.
 */
public record SearchPoint(int blocks, int convsPerBlock, List<Integer> filters, int kernel, boolean residual,
                          boolean batchNorm, double dropout, List<Integer> denseWidths, String optimizer,
                          double learningRate) {

    public SearchPoint {
        filters = List.copyOf(filters);
        denseWidths = List.copyOf(denseWidths);
        if (filters.size() != blocks) {
            throw new IllegalArgumentException(blocks + " blocks need " + blocks + " filter counts, got "
                    + filters.size());
        }
    }

    public List<LayerSpec> layers() {
        List<LayerSpec> layers = new ArrayList<>();
        Nonlinearity afterLayer = batchNorm ? Nonlinearity.NONE : Nonlinearity.RELU;
        for (int block = 0; block < blocks; block++) {
            for (int c = 0; c < convsPerBlock; c++) {
                layers.add(new LayerSpec.Conv(filters.get(block), kernel, LayerSpec.Padding.SAME, afterLayer));
                normalize(layers);
            }
            if (residual) {
                layers.add(new LayerSpec.Residual(kernel, afterLayer));
                normalize(layers);
            }
            layers.add(new LayerSpec.Pool(2));
        }
        drop(layers);
        for (int width : denseWidths) {
            layers.add(new LayerSpec.Dense(width, afterLayer));
            normalize(layers);
            drop(layers);
        }
        return layers;
    }

    /** The layer list's text form, which {@code train --arch custom --layers} and the Architecture tab read. */
    public String layersText() {
        return LayerSpecText.format(layers());
    }

    /** A short line for tables: "3x2 conv 16-32-64 5x5 res bn, drop 0.25, dense 128, adam 0.001". */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(blocks).append('x').append(convsPerBlock).append(" conv ")
                .append(filters.stream().map(String::valueOf).collect(Collectors.joining("-")))
                .append(' ').append(kernel).append('x').append(kernel);
        if (residual) {
            text.append(" res");
        }
        if (batchNorm) {
            text.append(" bn");
        }
        if (dropout > 0) {
            text.append(", drop ").append(dropout);
        }
        text.append(denseWidths.isEmpty() ? ", no dense" : ", dense " + denseWidths.stream().map(String::valueOf)
                .collect(Collectors.joining("-")));
        text.append(", ").append(optimizer).append(' ').append(String.format(Locale.ROOT, "%.3g", learningRate));
        return text.toString();
    }

    private void normalize(List<LayerSpec> layers) {
        if (batchNorm) {
            layers.add(new LayerSpec.BatchNorm(Nonlinearity.RELU));
        }
    }

    private void drop(List<LayerSpec> layers) {
        if (dropout > 0) {
            layers.add(new LayerSpec.Dropout(dropout));
        }
    }
}
