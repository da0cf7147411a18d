package atelier.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a layer list's layers get in the DL4J network (conv1, pool1, bn1, fc1, res1, ..., output). The checker
 * and the builder both use them, so an error reported for "conv3" points at the row the table calls conv3, and a
 * checkpoint of one run matches the next run's layers by name.
 */
final class LayerNaming {
    static final String OUTPUT = "output";

    private LayerNaming() {
    }

    static List<String> names(List<LayerSpec> layers) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> names = new ArrayList<>(layers.size());
        for (LayerSpec layer : layers) {
            String prefix = switch (layer.kind()) {
                case "batchnorm" -> "bn";
                case "dense" -> "fc";
                case "residual" -> "res";
                default -> layer.kind();
            };
            names.add(prefix + counts.merge(prefix, 1, Integer::sum));
        }
        return names;
    }
}
