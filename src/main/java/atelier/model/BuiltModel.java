package atelier.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A network ready to train, with what is needed to feed it: the architecture it came from, the data's input size,
 * the adapter from the data to the network's input, and the class count. The network is a MultiLayerNetwork for
 * plain stacks and a ComputationGraph where layers branch (residual blocks, the zoo's VGG16).
 */
public record BuiltModel(String architecture, InputAdapter adapter, int classes, Model network) {

    public BuiltModel {
        if (!(network instanceof MultiLayerNetwork) && !(network instanceof ComputationGraph)) {
            throw new IllegalArgumentException("unsupported network type " + network.getClass().getName());
        }
    }

    /** The data's image size. */
    public InputShape input() {
        return adapter.input();
    }

    /** The image size the network itself takes. */
    public InputShape networkInput() {
        return adapter.output();
    }

    public boolean isGraph() {
        return network instanceof ComputationGraph;
    }

    public MultiLayerNetwork multiLayer() {
        if (network instanceof MultiLayerNetwork multiLayer) {
            return multiLayer;
        }
        throw new IllegalStateException(architecture + " is a ComputationGraph");
    }

    public ComputationGraph graph() {
        if (network instanceof ComputationGraph graph) {
            return graph;
        }
        throw new IllegalStateException(architecture + " is a MultiLayerNetwork");
    }

    /** The same model with another network of the same shape, e.g. after freezing. */
    public BuiltModel withNetwork(Model replacement) {
        return new BuiltModel(architecture, adapter, classes, replacement);
    }

    /** One optimisation step on a batch of data-sized features and one-hot labels. */
    public void fit(INDArray features, INDArray labels) {
        DataSet batch = new DataSet(adapter.apply(features), labels);
        if (network instanceof MultiLayerNetwork multiLayer) {
            multiLayer.fit(batch);
        } else {
            graph().fit(batch);
        }
    }

    /** Class probabilities for data-sized features, in inference mode. */
    public INDArray output(INDArray features) {
        INDArray input = adapter.apply(features);
        if (network instanceof MultiLayerNetwork multiLayer) {
            return multiLayer.output(input, false);
        }
        return graph().outputSingle(false, input);
    }

    public long parameterCount() {
        return network.numParams();
    }
}
