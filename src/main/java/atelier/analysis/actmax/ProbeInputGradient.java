package atelier.analysis.actmax;

import atelier.engine.NetworkProbe;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Input gradients on the engine's {@link NetworkProbe}: one inference pass forward and one backward per step for
 * the whole batch, each image asking for its own unit through a weighted seed (a one-hot row for a logit or a dense
 * unit, a channel filled with 1/(h·w) for a channel's mean). Not thread safe: one ascent uses it at a time.
 */
public final class ProbeInputGradient implements InputGradient {
    private final NetworkProbe probe;
    private final String output;
    private final ProbedLayer layer;
    private final long[] inputShape;
    /** The layer's output shape for one image: [units] or [channels, height, width]. */
    private final long[] unitShape;

    /**
     * @param probe     the run's network on the engine
     * @param layerName the layer to maximize, or null for the output layer's logits
     */
    public ProbeInputGradient(NetworkProbe probe, String layerName) {
        this.probe = probe;
        List<String> names = probe.layerNames();
        this.output = names.get(names.size() - 1);
        String name = layerName == null ? output : layerName;
        if (!names.contains(name)) {
            throw new IllegalArgumentException("no layer named '" + name + "' (the layers are "
                    + String.join(", ", names) + ")");
        }
        this.inputShape = probe.networkInputShape();
        INDArray one = probe.activationsOfNetworkInputs(List.of(name),
                Nd4j.zeros(DataType.FLOAT, 1, inputShape[0], inputShape[1], inputShape[2]))[0];
        long[] shape = one.shape();
        this.unitShape = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        ProbedLayer.Kind kind = name.equals(output) ? ProbedLayer.Kind.LOGITS
                : unitShape.length == 1 ? ProbedLayer.Kind.DENSE : ProbedLayer.Kind.CHANNEL_MEAN;
        this.layer = new ProbedLayer(name, kind, (int) unitShape[0]);
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
        return probe.classes();
    }

    @Override
    public INDArray gradient(INDArray inputs, int[] units) {
        return probe.weightedInputGradient(layer.name(), seed(units), inputs).reshape('c', inputs.shape());
    }

    @Override
    public Scores scores(INDArray inputs, int[] units) {
        List<String> layers = layer.kind() == ProbedLayer.Kind.LOGITS ? List.of(output) : List.of(layer.name(), output);
        INDArray[] outputs = probe.activationsOfNetworkInputs(layers, inputs);
        INDArray activations = outputs[0];
        float[] values = layer.unitValues(activations, units);
        float[][] probabilities = Transforms.softmax(outputs[outputs.length - 1], true).toFloatMatrix();
        return new Scores(values, probabilities);
    }

    private INDArray seed(int[] units) {
        long[] shape = new long[unitShape.length + 1];
        shape[0] = units.length;
        System.arraycopy(unitShape, 0, shape, 1, unitShape.length);
        INDArray seed = Nd4j.zeros(DataType.FLOAT, shape);
        for (int i = 0; i < units.length; i++) {
            layer.checkUnit(units[i]);
            if (shape.length == 4) {
                seed.slice(i).slice(units[i]).assign(1.0 / (shape[2] * shape[3]));
            } else {
                seed.putScalar(i, units[i], 1f);
            }
        }
        return seed;
    }
}
