package atelier.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** A DL4J MultiLayerNetwork or ComputationGraph as the training loop sees it. */
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
        // accuracy of the weights this step starts from, in inference mode: DL4J's fit does not hand out the
        // activations of its own forward pass
        int correct = Metrics.correct(output(input), labels);
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
        return output(toNetworkInput.apply(features));
    }

    private INDArray output(INDArray input) {
        if (network instanceof MultiLayerNetwork multiLayer) {
            return multiLayer.output(input, false);
        }
        return ((ComputationGraph) network).outputSingle(false, input);
    }

    /** Steps the epoch count (the learning-rate schedule reads it) and lets go of the last batch it saw. */
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
        ModelSerializer.writeModel(network, file.toFile(), true);
    }

    @Override
    public void restore(Path checkpoint, int completedEpochs) throws IOException {
        Model saved = network instanceof MultiLayerNetwork
                ? ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true)
                : ModelSerializer.restoreComputationGraph(checkpoint.toFile(), true);
        if (saved.numParams() != network.numParams()) {
            throw new IOException(checkpoint + " holds " + saved.numParams() + " parameters, but this run's network has "
                    + network.numParams() + ": not a checkpoint of this run");
        }
        network.setParams(saved.params());
        INDArray savedState = updaterState(saved);
        INDArray state = updaterState(network);
        if (state != null) {
            if (savedState == null || savedState.length() != state.length()) {
                throw new IOException(checkpoint + " holds no optimizer state for this network");
            }
            state.assign(savedState);
        }
        if (network instanceof MultiLayerNetwork multiLayer) {
            multiLayer.getLayerWiseConfigurations().setEpochCount(completedEpochs);
            multiLayer.setIterationCount(((MultiLayerNetwork) saved).getIterationCount());
        } else {
            ComputationGraph graph = (ComputationGraph) network;
            graph.getConfiguration().setEpochCount(completedEpochs);
            graph.getConfiguration().setIterationCount(((ComputationGraph) saved).getConfiguration()
                    .getIterationCount());
        }
    }

    private static INDArray updaterState(Model model) {
        if (model instanceof MultiLayerNetwork multiLayer) {
            return multiLayer.getUpdater(true) == null ? null : multiLayer.getUpdater(true).getStateViewArray();
        }
        ComputationGraph graph = (ComputationGraph) model;
        return graph.getUpdater(true) == null ? null : graph.getUpdater(true).getStateViewArray();
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
