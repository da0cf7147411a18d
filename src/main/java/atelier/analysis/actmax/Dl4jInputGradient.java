package atelier.analysis.actmax;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Input gradients of any DL4J MultiLayerNetwork or ComputationGraph through a probe copy (see
 * {@link ProbeNetworks}). Not thread safe: one ascent uses it at a time.
 */
public final class Dl4jInputGradient implements InputGradient {
    private final Model network;
    private final String layerName;
    /** The chain's one probe, or the graph's probe for the last batch size (a graph probe's batch is fixed). */
    private Model probe;
    private int probeBatch;
    private INDArray graphIndex;
    private final ProbedLayer layer;
    private final long[] inputShape;
    private final int classes;
    /** Whether the network takes flattened rows (a dense first layer) rather than [n, c, h, w] images. */
    private final boolean flat;
    private final long[] networkShape;
    /** The chosen layer's output shape for a batch of one. */
    private final long[] unitShape;

    /**
     * @param network    the trained network (it is only read)
     * @param layerName  the layer to maximize, or null for the output layer's logits
     * @param inputShape [channels, height, width] the network takes
     */
    public Dl4jInputGradient(Model network, String layerName, long[] inputShape) {
        this.network = network;
        this.layerName = layerName;
        this.inputShape = inputShape.clone();
        this.flat = !takesImages(network, inputShape);
        this.networkShape = flat ? new long[] {inputShape[0] * inputShape[1] * inputShape[2]} : inputShape.clone();
        ProbeNetworks.Probe built = ProbeNetworks.build(network, layerName, networkShape, 1);
        this.probe = built.network();
        this.probeBatch = 1;
        this.layer = built.layer();
        INDArray one = toNetwork(Nd4j.zeros(DataType.FLOAT, 1, inputShape[0], inputShape[1], inputShape[2]));
        this.classes = (int) output(network, one).size(1);
        this.unitShape = probeOutput(one).shape();
    }

    /** The layers a user can choose to maximize, the output layer last. */
    public static List<String> layerNames(Model network) {
        return ProbeNetworks.layerNames(network);
    }

    @Override
    public ProbedLayer layer() {
        return layer;
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public INDArray gradient(INDArray images, int[] units) {
        INDArray inputs = toNetwork(images);
        INDArray selection = selection(units, inputs);
        if (network instanceof MultiLayerNetwork) {
            return ((MultiLayerNetwork) probe).calculateGradients(inputs, selection, null, null).getSecond().neg()
                    .reshape('c', images.shape());
        }
        ComputationGraph graph = graphProbe(inputs);
        graph.setLabels(selection);
        graph.computeGradientAndScore();
        INDArray rows = graph.gradient().getGradientFor(ProbeNetworks.IMAGES + "_" + DefaultParamInitializer.WEIGHT_KEY);
        return rows.neg().reshape('c', images.shape());
    }

    @Override
    public Scores scores(INDArray images, int[] units) {
        INDArray inputs = toNetwork(images);
        INDArray activations = probeOutput(inputs);
        float[] values = layer.unitValues(activations, units);
        // the logits are the probe's output: the softmax of them is the network's output, without a second pass
        float[][] probabilities = layer.kind() == ProbedLayer.Kind.LOGITS
                ? Transforms.softmax(activations, true).toFloatMatrix() : output(network, inputs).toFloatMatrix();
        return new Scores(values, probabilities);
    }

    /** What the objective layer sees: a one-hot row per image, or a channel filled with 1/(h·w). */
    private INDArray selection(int[] units, INDArray inputs) {
        long[] shape = unitShape.clone();
        shape[0] = inputs.size(0);
        INDArray selection = Nd4j.zeros(DataType.FLOAT, shape);
        for (int i = 0; i < units.length; i++) {
            layer.checkUnit(units[i]);
            if (shape.length == 4) {
                selection.slice(i).slice(units[i]).assign(1.0 / (shape[2] * shape[3]));
            } else {
                selection.putScalar(i, units[i], 1f);
            }
        }
        return selection;
    }

    private INDArray toNetwork(INDArray images) {
        return flat ? images.reshape('c', images.size(0), networkShape[0]) : images;
    }

    private static boolean takesImages(Model network, long[] shape) {
        try {
            output(network, Nd4j.zeros(DataType.FLOAT, 1, shape[0], shape[1], shape[2]));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private INDArray probeOutput(INDArray inputs) {
        if (network instanceof MultiLayerNetwork) {
            return ((MultiLayerNetwork) probe).output(inputs, false);
        }
        ComputationGraph graph = graphProbe(inputs);
        return graph.outputSingle(false, graphIndex);
    }

    /** The graph probe for this batch, its image weights set to {@code inputs} and its index input to the identity. */
    private ComputationGraph graphProbe(INDArray inputs) {
        int batch = (int) inputs.size(0);
        if (batch != probeBatch) {
            probe = ProbeNetworks.build(network, layerName, inputShape, batch).network();
            probeBatch = batch;
        }
        ComputationGraph graph = (ComputationGraph) probe;
        graph.getLayer(ProbeNetworks.IMAGES).setParam(DefaultParamInitializer.WEIGHT_KEY,
                inputs.reshape('c', batch, inputs.length() / batch).castTo(DataType.FLOAT));
        if (graphIndex == null || graphIndex.size(0) != batch) {
            graphIndex = Nd4j.eye(batch).castTo(DataType.FLOAT);
        }
        graph.setInputs(graphIndex);
        return graph;
    }

    private static INDArray output(Model model, INDArray inputs) {
        if (model instanceof MultiLayerNetwork chain) {
            return chain.output(inputs, false);
        }
        return ((ComputationGraph) model).outputSingle(false, inputs);
    }
}
