package atelier.engine;

import atelier.model.Architecture;
import atelier.model.ArchitectureCatalog;
import atelier.model.Checkpoints;
import atelier.model.InputAdapter;
import atelier.model.InputShape;
import atelier.model.LayerSpecText;
import atelier.model.ModelOptions;
import atelier.model.Resize;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Looks inside a trained network, on the engine, in inference mode (no dropout, running batch-norm statistics):
 * <ul>
 *   <li>{@link #activations}: the output of any named layer ("fc1", "conv2", "output") for a whole split, computed
 *       in batches, as DL4J lays it out ([n, units], or [n, c, h, w] for maps);</li>
 *   <li>{@link #inputGradient}: the gradient of one unit of a named layer (a class logit of "output", before the
 *       softmax; a unit of "fc1") with respect to the input images, for a batch of images at once.</li>
 * </ul>
 * Features are given as the training data holds them, [n, c·h·w] normalised; images that the network takes
 * resized (VGG16 at 32×32) are resized here, and input gradients are then with respect to the resized image.
 * Not thread safe.
 */
public final class NetworkProbe {
    private static final int BATCH = 500;

    private final EngineNetwork network;
    private final InputAdapter adapter;

    private NetworkProbe(EngineNetwork network, InputAdapter adapter) {
        this.network = network;
        this.adapter = adapter;
    }

    /** A checkpoint that Atelier's engine wrote (it records the architecture and the data's image size). */
    public static NetworkProbe open(Path checkpoint) {
        EngineCheckpoint.Description description = EngineCheckpoint.description(checkpoint).orElseThrow(() ->
                new IllegalArgumentException(checkpoint + ": was not written by Atelier's engine (it has no "
                        + "atelier/" + EngineCheckpoint.DESCRIPTION + "); open it with its run's architecture"));
        Architecture architecture = ArchitectureCatalog.CUSTOM.equals(description.architecture())
                && description.layers() != null
                ? ArchitectureCatalog.custom(LayerSpecText.parse(description.layers()))
                : ArchitectureCatalog.named(description.architecture());
        return open(checkpoint, architecture, InputShape.of(description.channels(), description.height(),
                description.width()), Resize.parse(description.resize()), description.classes());
    }

    /** Any DL4J checkpoint of a catalogue architecture, given what the run was built for. */
    public static NetworkProbe open(Path checkpoint, Architecture architecture, InputShape data, Resize resize,
                                    int classes) {
        InputAdapter adapter = architecture.adapter(data, ModelOptions.defaults().withResize(resize));
        // one shard per core: a probe's batches are split across the cores, as a run's are
        atelier.nd4j.Nd4jSetup.Settings nd4j = atelier.nd4j.Nd4jSetup.current();
        EngineNetwork network = NetworkBuilder.build(architecture, adapter.output(), classes, 0,
                nd4j == null ? 1 : nd4j.threads());
        Model saved = Checkpoints.load(checkpoint);
        Dl4jWeights.copyInto(saved, network);
        return new NetworkProbe(network, adapter);
    }

    /**
     * A run's checkpoint on the engine: from the description the engine wrote, else as the catalogue architecture
     * the run names (a checkpoint DL4J trained with {@code --engine dl4j}). Empty, with the reason, where neither
     * applies (a network built elsewhere) or the weights do not fit, so that callers can fall back to DL4J.
     */
    public static Opened openRun(Path checkpoint, String architecture, InputShape data, String resize, int classes) {
        try {
            if (EngineCheckpoint.description(checkpoint).isPresent()) {
                return new Opened(open(checkpoint), null);
            }
            if (architecture == null || !ArchitectureCatalog.names().contains(architecture)) {
                return new Opened(null, "architecture '" + architecture + "' is not in the catalogue");
            }
            return new Opened(open(checkpoint, ArchitectureCatalog.named(architecture), data, Resize.parse(resize),
                    classes), null);
        } catch (RuntimeException e) {
            return new Opened(null, e.getMessage());
        }
    }

    /** A probe, or why there is none. */
    public record Opened(NetworkProbe probe, String whyNot) {
        public boolean opened() {
            return probe != null;
        }
    }

    /** Names of the layers, input side first; the last is the output layer (its values are the logits). */
    public List<String> layerNames() {
        return network.layers().stream().map(layer -> layer.name).toList();
    }

    public int classes() {
        return network.classes();
    }

    /** Output of layer {@code layer} for every row of {@code features}, in batches; a new array. */
    public INDArray activations(String layer, INDArray features) {
        int index = network.indexOf(layer);
        long n = features.size(0);
        if (n <= BATCH) {
            return network.forwardTo(index, adapter.apply(features));
        }
        INDArray[] parts = new INDArray[(int) ((n + BATCH - 1) / BATCH)];
        for (int i = 0; i < parts.length; i++) {
            long start = (long) i * BATCH;
            INDArray batch = features.get(NDArrayIndex.interval(start, Math.min(n, start + BATCH)));
            parts[i] = network.forwardTo(index, adapter.apply(batch));
        }
        return Nd4j.concat(0, parts);
    }

    /**
     * The outputs of several named layers for every row of {@code features} from one pass per batch (a hidden
     * layer and the logits, say), each as {@link #activations(String, INDArray)} gives it.
     */
    public INDArray[] activations(List<String> layers, INDArray features) {
        int[] indices = layers.stream().mapToInt(network::indexOf).toArray();
        long n = features.size(0);
        if (n <= BATCH) {
            return network.forwardTo(indices, adapter.apply(features));
        }
        int batches = (int) ((n + BATCH - 1) / BATCH);
        INDArray[][] parts = new INDArray[layers.size()][batches];
        for (int i = 0; i < batches; i++) {
            long start = (long) i * BATCH;
            INDArray batch = features.get(NDArrayIndex.interval(start, Math.min(n, start + BATCH)));
            INDArray[] outputs = network.forwardTo(indices, adapter.apply(batch));
            for (int k = 0; k < outputs.length; k++) {
                parts[k][i] = outputs[k];
            }
        }
        INDArray[] joined = new INDArray[layers.size()];
        for (int k = 0; k < joined.length; k++) {
            joined[k] = Nd4j.concat(0, parts[k]);
        }
        return joined;
    }

    /** [channels, height, width] of the images the network takes (after any resizing). */
    public long[] networkInputShape() {
        InputShape shape = adapter.output();
        return new long[] {shape.channels(), shape.height(), shape.width()};
    }

    /**
     * Like {@link #activations(List, INDArray)}, for images already of {@link #networkInputShape()} (activation
     * maximization works on the network's own input, so nothing is resized).
     */
    public INDArray[] activationsOfNetworkInputs(List<String> layers, INDArray images) {
        return network.forwardTo(layers.stream().mapToInt(network::indexOf).toArray(), images);
    }

    /**
     * d(Σ weights ⊙ output of {@code layer})/d(image) for images already of {@link #networkInputShape()}:
     * {@code weights} has the layer output's layout ([n, units], or [n, c, h, w] for maps), so each image can ask
     * for its own unit (a one-hot row) or for a channel's mean (that channel filled with 1/(h·w)).
     */
    public INDArray weightedInputGradient(String layer, INDArray weights, INDArray images) {
        return network.inputGradient(network.indexOf(layer), weights, images);
    }

    /** Class probabilities in inference mode. */
    public INDArray probabilities(INDArray features) {
        return network.probabilities(adapter.apply(features));
    }

    /**
     * d(unit {@code unit} of layer {@code layer})/d(image) for each image of {@code features}: [n, c, h, w] of the
     * image size the network takes. For the output layer the unit is a class and the value its logit.
     */
    public INDArray inputGradient(String layer, long unit, INDArray features) {
        return network.inputGradient(network.indexOf(layer), unit, adapter.apply(features));
    }
}
