package atelier.train;

import atelier.model.Checkpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.AdaDelta;

/**
 * A DL4J MultiLayerNetwork or ComputationGraph as the training loop sees it: {@code --engine dl4j}, kept for
 * comparison with Atelier's engine. Checkpoints are written with DL4J's stock updaters in the configuration
 * (AdaDelta for Atelier's {@link AdaDeltaWithLearningRate}, whose state has the same layout), so that a DL4J
 * program without Atelier's classes can load them; the learning rate is set by the training loop before every step that
 * changes it.
 */
public final class Dl4jTrainableModel implements TrainableModel {
    private final Model network;
    private final UnaryOperator<INDArray> toNetworkInput;

    /** @param toNetworkInput turns [batch, c*h*w] features into what the network takes (reshape, resize) */
    public Dl4jTrainableModel(Model network, UnaryOperator<INDArray> toNetworkInput) {
        if (!(network instanceof MultiLayerNetwork) && !(network instanceof ComputationGraph)) {
            throw new IllegalArgumentException("not a DL4J network: " + network.getClass().getName());
        }
        this.network = network;
        this.toNetworkInput = toNetworkInput;
    }

    public Model network() {
        return network;
    }

    @Override
    public StepResult train(INDArray features, INDArray labels) {
        INDArray input = toNetworkInput.apply(features);
        // Training accuracy as the engine (and a PyTorch notebook) counts it: the training-mode forward pass of
        // the weights this step starts from. DL4J's fit does not hand out its own activations, so this is a
        // forward pass of its own, with other dropout masks than fit's.
        int correct = Metrics.correct(output(input, true), labels);
        DataSet batch = new DataSet(input, labels);
        if (network instanceof MultiLayerNetwork multiLayer) {
            multiLayer.fit(batch);
        } else {
            ((ComputationGraph) network).fit(batch);
        }
        return new StepResult(network.score(), correct);
    }

    @Override
    public INDArray predict(INDArray features) {
        return output(toNetworkInput.apply(features), false);
    }

    private INDArray output(INDArray input, boolean training) {
        if (network instanceof MultiLayerNetwork multiLayer) {
            return multiLayer.output(input, training);
        }
        return ((ComputationGraph) network).outputSingle(training, input);
    }

    @Override
    public void setLearningRate(double rate) {
        if (network instanceof MultiLayerNetwork multiLayer) {
            multiLayer.setLearningRate(rate);
        } else {
            ((ComputationGraph) network).setLearningRate(rate);
        }
    }

    /** Steps the epoch count (a checkpoint records it) and lets go of the last batch it saw. */
    @Override
    public void finishEpoch() {
        // not network.clear(): it also drops the solver, and with it the optimizer's state
        if (network instanceof MultiLayerNetwork multiLayer) {
            multiLayer.incrementEpochCount();
            multiLayer.clearLayersStates();
            multiLayer.setInput(null);
            multiLayer.setLabels(null);
        } else {
            ((ComputationGraph) network).incrementEpochCount();
            ((ComputationGraph) network).clearLayersStates();
        }
    }

    @Override
    public void save(Path file) throws IOException {
        ModelSerializer.writeModel(withStockUpdaters(network), file.toFile(), true);
        String training = "{\"engine\":\"dl4j\",\"epochCount\":" + epochCount() + "}";
        Checkpoints.addEntries(file, Map.of("training.json", training.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void restore(Path checkpoint, int completedEpochs) throws IOException {
        // with the updater: resuming needs the optimizer's state, which Checkpoints.load leaves out
        Model saved = network instanceof MultiLayerNetwork
                ? ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true)
                : ModelSerializer.restoreComputationGraph(checkpoint.toFile(), true);
        if (saved.numParams() != network.numParams()) {
            throw new IOException(checkpoint + " holds " + saved.numParams() + " parameters, but this run's network has "
                    + network.numParams() + ": not a checkpoint of this run");
        }
        network.setParams(saved.params().dup());
        INDArray savedState = updaterState(saved);
        INDArray state = updaterState(network);
        if (state != null) {
            if (savedState == null || savedState.length() != state.length()) {
                throw new IOException(checkpoint + " holds no optimizer state for this network");
            }
            state.assign(savedState);
        }
        if (network instanceof MultiLayerNetwork multiLayer) {
            multiLayer.setEpochCount(completedEpochs);
            multiLayer.setIterationCount(((MultiLayerNetwork) saved).getIterationCount());
        } else {
            ComputationGraph graph = (ComputationGraph) network;
            graph.getConfiguration().setEpochCount(completedEpochs);
            graph.getConfiguration().setIterationCount(((ComputationGraph) saved).getConfiguration()
                    .getIterationCount());
        }
    }

    private int epochCount() {
        return network instanceof MultiLayerNetwork multiLayer ? multiLayer.getEpochCount()
                : ((ComputationGraph) network).getEpochCount();
    }

    private static INDArray updaterState(Model model) {
        if (model instanceof MultiLayerNetwork multiLayer) {
            return multiLayer.getUpdater(true) == null ? null : multiLayer.getUpdater(true).getStateViewArray();
        }
        ComputationGraph graph = (ComputationGraph) model;
        return graph.getUpdater(true) == null ? null : graph.getUpdater(true).getStateViewArray();
    }

    /**
     * A copy of the network whose configuration names only DL4J's own updaters, with the same parameters and
     * updater state; the network itself when it needs no change.
     */
    static Model withStockUpdaters(Model model) {
        if (model instanceof MultiLayerNetwork multiLayer) {
            MultiLayerConfiguration conf = multiLayer.getLayerWiseConfigurations().clone();
            boolean changed = false;
            for (NeuralNetConfiguration layer : conf.getConfs()) {
                changed |= replaceUpdaters(layer.getLayer());
            }
            if (!changed) {
                return model;
            }
            MultiLayerNetwork copy = new MultiLayerNetwork(conf);
            copy.init(multiLayer.params().dup(), false);
            copyUpdaterState(model, copy);
            return copy;
        }
        ComputationGraph graph = (ComputationGraph) model;
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        boolean changed = false;
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex layerVertex) {
                changed |= replaceUpdaters(layerVertex.getLayerConf().getLayer());
            }
        }
        if (!changed) {
            return model;
        }
        ComputationGraph copy = new ComputationGraph(conf);
        copy.init(graph.params().dup(), false);
        copyUpdaterState(model, copy);
        return copy;
    }

    private static void copyUpdaterState(Model from, Model to) {
        INDArray source = updaterState(from);
        INDArray target = updaterState(to);
        if (source != null && target != null && source.length() == target.length()) {
            target.assign(source);
        }
    }

    private static boolean replaceUpdaters(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer frozen) {
            return replaceUpdaters(frozen.getLayer());
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop frozen) {
            return replaceUpdaters(frozen.getUnderlying());
        }
        if (!(layer instanceof BaseLayer base)) {
            return false;
        }
        boolean changed = false;
        if (base.getIUpdater() instanceof AdaDeltaWithLearningRate custom) {
            base.setIUpdater(new AdaDelta(custom.getRho(), custom.getEpsilon()));
            changed = true;
        }
        if (base.getBiasUpdater() instanceof AdaDeltaWithLearningRate custom) {
            base.setBiasUpdater(new AdaDelta(custom.getRho(), custom.getEpsilon()));
            changed = true;
        }
        return changed;
    }

    @Override
    public List<String> frozenLayers() {
        List<String> frozen = new ArrayList<>();
        Layer[] layers = network instanceof MultiLayerNetwork multiLayer ? multiLayer.getLayers()
                : ((ComputationGraph) network).getLayers();
        for (Layer layer : layers) {
            if (layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop) {
                frozen.add(layer.conf().getLayer().getLayerName() == null ? "layer " + layer.getIndex()
                        : layer.conf().getLayer().getLayerName());
            }
        }
        return frozen;
    }

    @Override
    public long parameterCount() {
        return network.numParams();
    }
}
