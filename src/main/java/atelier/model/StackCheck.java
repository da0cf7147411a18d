package atelier.model;

import java.util.List;
import java.util.Optional;

/** The checks of every row of a layer list, the output layer last, with totals for the rows that fit. */
public record StackCheck(InputShape input, List<LayerCheck> layers) {

    public StackCheck {
        layers = List.copyOf(layers);
    }

    public boolean ok() {
        return layers.stream().allMatch(LayerCheck::ok);
    }

    /** The first problem as one sentence that names the layer, e.g. "conv3: a 3x3 kernel does not fit ...". */
    public Optional<String> firstProblem() {
        return layers.stream().filter(layer -> !layer.ok()).findFirst()
                .map(layer -> layer.name() + ": " + layer.error());
    }

    public long trainable() {
        return layers.stream().mapToLong(LayerCheck::trainable).sum();
    }

    public long nonTrainable() {
        return layers.stream().mapToLong(LayerCheck::nonTrainable).sum();
    }
}
