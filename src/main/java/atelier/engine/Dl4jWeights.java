package atelier.engine;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies weights between an {@link EngineNetwork} and the DL4J network built from the same layer list, matched by
 * layer name. The DL4J network is what checkpoints hold and what the tests compare against. Two layouts differ:
 * <ul>
 *   <li>a dense layer after an image: DL4J flattens (channel, row, column), the engine (row, column, channel), so
 *       the weight rows are permuted;</li>
 *   <li>batch normalization: DL4J keeps the running mean and either the running variance ("var") or, by default,
 *       log10 of the standard deviation ("log10stdev", std = sqrt(var + eps)); the engine keeps the variance.</li>
 * </ul>
 */
public final class Dl4jWeights {
    private static final String LOG_STD = "log10stdev";

    private Dl4jWeights() {
    }

    /** Copies every parameter and running statistic of {@code dl4j} into {@code engine}. */
    public static void copyInto(Model dl4j, EngineNetwork engine) {
        for (EngineLayer layer : engine.parameterLayers()) {
            Map<String, INDArray> table = layer(dl4j, layer.name).paramTable();
            Views views = views(engine, layer);
            if (layer instanceof BatchNormLayer) {
                views.parameters.get(0).assign(flat(table.get("gamma")));
                views.parameters.get(1).assign(flat(table.get("beta")));
                views.statistics.get(0).assign(flat(table.get("mean")));
                views.statistics.get(1).assign(variance(table));
                continue;
            }
            views.parameters.get(0).assign(toEngineWeights(layer, table.get("W")));
            views.parameters.get(1).assign(flat(table.get("b")));
        }
    }

    /** Writes {@code engine}'s parameters and running statistics into {@code dl4j}, in place. */
    public static void copyInto(EngineNetwork engine, Model dl4j) {
        for (EngineLayer layer : engine.parameterLayers()) {
            Map<String, INDArray> table = layer(dl4j, layer.name).paramTable();
            Views views = views(engine, layer);
            if (layer instanceof BatchNormLayer) {
                assign(table.get("gamma"), views.parameters.get(0));
                assign(table.get("beta"), views.parameters.get(1));
                assign(table.get("mean"), views.statistics.get(0));
                INDArray variance = views.statistics.get(1);
                if (table.containsKey(LOG_STD)) {
                    INDArray std = org.nd4j.linalg.ops.transforms.Transforms.sqrt(
                            variance.add(BatchNormLayer.EPSILON), false);
                    assign(table.get(LOG_STD), org.nd4j.linalg.ops.transforms.Transforms.log(std, 10, false));
                } else {
                    assign(table.get("var"), variance);
                }
                continue;
            }
            INDArray weights = table.get("W");
            weights.assign(toDl4jWeights(layer, views.parameters.get(0)).reshape(weights.shape()));
            assign(table.get("b"), views.parameters.get(1));
        }
    }

    /** The engine's parameter views of one layer. */
    private record Views(List<INDArray> parameters, List<INDArray> statistics) {
    }

    private static Views views(EngineNetwork engine, EngineLayer wanted) {
        long[] p = {0};
        long[] s = {0};
        for (EngineLayer layer : engine.parameterLayers()) {
            List<INDArray> parameters = Shapes.views(engine.parameters(), p, layer.parameterShapes());
            List<INDArray> statistics = Shapes.views(engine.statistics(), s, layer.statisticShapes());
            if (layer == wanted) {
                return new Views(parameters, statistics);
            }
        }
        throw new IllegalArgumentException(wanted.name + " is not a layer of this network");
    }

    private static INDArray variance(Map<String, INDArray> table) {
        if (table.containsKey(LOG_STD)) {
            INDArray std = org.nd4j.linalg.ops.transforms.Transforms.pow(
                    Nd4j.valueArrayOf(table.get(LOG_STD).shape(), 10.0, table.get(LOG_STD).dataType()),
                    table.get(LOG_STD), false);
            return flat(std.muli(std).subi(BatchNormLayer.EPSILON));
        }
        return flat(table.get("var"));
    }

    private static INDArray toEngineWeights(EngineLayer layer, INDArray weights) {
        if (layer instanceof DenseLayer && !layer.in.isVector()) {
            Dims d = layer.in;
            return weights.dup('c').reshape('c', d.channels(), d.height(), d.width(), layer.out.channels())
                    .permute(1, 2, 0, 3).dup('c').reshape('c', d.size(), layer.out.channels());
        }
        return weights.dup('c');
    }

    private static INDArray toDl4jWeights(EngineLayer layer, INDArray weights) {
        if (layer instanceof DenseLayer && !layer.in.isVector()) {
            Dims d = layer.in;
            return weights.dup('c').reshape('c', d.height(), d.width(), d.channels(), layer.out.channels())
                    .permute(2, 0, 1, 3).dup('c').reshape('c', d.size(), layer.out.channels());
        }
        return weights;
    }

    private static INDArray flat(INDArray values) {
        if (values == null) {
            throw new IllegalArgumentException("the DL4J layer lacks a parameter the engine layer has");
        }
        return values.dup('c').reshape(values.length());
    }

    private static void assign(INDArray target, INDArray values) {
        target.assign(values.reshape(target.shape()));
    }

    private static Layer layer(Model network, String name) {
        Layer layer = null;
        try {
            if (network instanceof MultiLayerNetwork chain) {
                layer = chain.getLayer(name);
            } else if (network instanceof ComputationGraph graph) {
                layer = graph.getLayer(name);
            }
        } catch (RuntimeException e) {
            layer = null;
        }
        if (layer == null) {
            throw new IllegalArgumentException("the DL4J network has no layer named \"" + name + "\"");
        }
        return layer;
    }
}
