package atelier.engine;

import atelier.model.Architecture;
import atelier.model.ArchitectureCatalog;
import atelier.model.BuiltModel;
import atelier.model.InputShape;
import atelier.model.LayerSpec;
import atelier.model.ModelOptions;
import atelier.model.WeightScheme;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The DL4J network built from the same list as an engine network: the reference for the engine's numbers. */
final class Dl4jOracle {
    final BuiltModel dl4j;
    final EngineNetwork engine;

    private Dl4jOracle(BuiltModel dl4j, EngineNetwork engine) {
        this.dl4j = dl4j;
        this.engine = engine;
    }

    /** Both networks for {@code architecture}, without dropout (random masks cannot be compared), same weights. */
    static Dl4jOracle of(Architecture architecture, InputShape input, int classes, long seed) {
        BuiltModel built = architecture.build(input, classes, ModelOptions.defaults().withSeed(seed)
                .withWeights(WeightScheme.HE));
        EngineNetwork engine = NetworkBuilder.build(architecture.layers(), architecture.layerNames(), 0,
                built.networkInput(), classes, seed);
        Dl4jWeights.copyInto(built.network(), engine);
        return new Dl4jOracle(built, engine);
    }

    static Dl4jOracle of(List<LayerSpec> layers, InputShape input, int classes, long seed) {
        return of(ArchitectureCatalog.custom(layers), input, classes, seed);
    }

    /** A list without its dropout layers. */
    static List<LayerSpec> withoutDropout(List<LayerSpec> layers) {
        return layers.stream().filter(l -> !(l instanceof LayerSpec.Dropout)).toList();
    }

    /** DL4J's gradient of the batch's loss, as [parameters in the engine's layout, input gradient NCHW]. */
    INDArray[] dl4jGradients(INDArray x, INDArray y) {
        Model network = dl4j.network();
        INDArray flat;
        INDArray inputGradient;
        if (network instanceof MultiLayerNetwork chain) {
            Pair<Gradient, INDArray> pair = chain.calculateGradients(x, y, null, null);
            flat = pair.getFirst().gradient();
            inputGradient = pair.getSecond();
        } else {
            // ComputationGraph has no public input gradient in M2.1: graphs get theirs checked by finite differences
            ComputationGraph graph = (ComputationGraph) network;
            graph.setInputs(x);
            graph.setLabels(y);
            graph.computeGradientAndScore();
            flat = graph.gradient().gradient().dup();
            inputGradient = null;
        }
        // DL4J leaves the division by the batch size to its updater; the engine's gradient is of the mean loss
        flat = flat.div(x.size(0));
        inputGradient = inputGradient == null ? null : inputGradient.div(x.size(0));
        // the gradient in the engine's layout: a copy of the DL4J network holding it as its parameters
        Model holder = network instanceof MultiLayerNetwork chain ? chain.clone() : ((ComputationGraph) network).clone();
        holder.setParams(flat.dup());
        INDArray engineLayout = engine.parameters().ulike();
        INDArray saved = engine.parameters().dup();
        INDArray savedStatistics = engine.statistics().dup();
        Dl4jWeights.copyInto(holder, engine);
        engineLayout.assign(engine.parameters());
        engine.parameters().assign(saved);
        engine.statistics().assign(savedStatistics);
        return new INDArray[] {engineLayout, inputGradient};
    }

    double dl4jScore(INDArray x, INDArray y) {
        Model network = dl4j.network();
        if (network instanceof MultiLayerNetwork chain) {
            chain.setInput(x);
            chain.setLabels(y);
            chain.computeGradientAndScore();
            return chain.score();
        }
        ComputationGraph graph = (ComputationGraph) network;
        graph.setInputs(x);
        graph.setLabels(y);
        graph.computeGradientAndScore();
        return graph.score();
    }

    static INDArray images(int n, InputShape shape, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, shape.channels(), shape.height(), shape.width());
    }

    static INDArray labels(int n, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 7 + 3) % classes, 1f);
        }
        return y;
    }

    /** max |a - b| relative to max |b|. */
    static double relativeError(INDArray actual, INDArray expected) {
        double scale = Math.max(expected.amaxNumber().doubleValue(), 1e-6);
        return actual.reshape(actual.length()).sub(expected.reshape(expected.length()).castTo(actual.dataType()))
                .amaxNumber().doubleValue() / scale;
    }
}
