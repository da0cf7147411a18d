package atelier.analysis.tsne;

import atelier.analysis.AnalyzedRun;
import atelier.data.Dataset;
import atelier.data.Split;
import atelier.engine.NetworkProbe;
import atelier.model.ArchitectureCatalog;
import atelier.model.Checkpoints;
import atelier.model.InputShape;
import atelier.model.ModelOptions;
import atelier.task.Progress;
import atelier.train.RunStore;
import atelier.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The activations of one dense layer of a run's best checkpoint for every image of a split, with each image's
 * current label and the checkpoint's prediction, from one forward pass in batches through DL4J
 * the engine's {@link NetworkProbe} (the layer and the logits from one pass per batch), or through DL4J
 * ({@code feedForwardToLayer}) where the probe cannot open the checkpoint (a network not of the catalogue). This is
 * the one place that runs the network for t-SNE.
 */
public final class LayerFeatures {
    /**
     * Images per forward pass. DL4J's convolution workspaces grow to fit the largest batch (im2col of mnist-net's
     * second convolution alone is 2.6 MB an image), so a small batch keeps the process's memory down at no cost in
     * speed.
     */
    private static final int BATCH = 128;
    /** Images per batch on the engine, whose buffers are allocated once per batch size and reused. */
    private static final int PROBE_BATCH = 500;
    private static final int GC_EVERY = 40;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LayerFeatures.class);

    private LayerFeatures() {
    }

    /**
     * @param indices   dataset indices (within the split) of the images, ascending
     * @param labels    their current labels (label journal applied)
     * @param predicted the checkpoint's predicted class for each
     * @param values    n × dims activations, row-major
     */
    public record Extracted(String layer, Split split, int[] indices, int[] labels, int[] predicted, float[] values,
                            int dims, double seconds) {
        public int size() {
            return indices.length;
        }
    }

    /** Names of the network's dense layers that are not its output layer, input side first (mnist-net: fc1). */
    public static List<String> denseLayers(Model network) {
        List<String> names = new ArrayList<>();
        if (network instanceof MultiLayerNetwork chain) {
            for (int i = 0; i < chain.getnLayers(); i++) {
                Layer layer = unwrap(chain.getLayerWiseConfigurations().getConf(i).getLayer());
                if (isHiddenDense(layer)) {
                    names.add(layerName(layer, i));
                }
            }
        } else if (network instanceof ComputationGraph graph) {
            for (Map.Entry<String, GraphVertex> entry : graph.getConfiguration().getVertices().entrySet()) {
                if (entry.getValue() instanceof LayerVertex vertex
                        && isHiddenDense(unwrap(vertex.getLayerConf().getLayer()))) {
                    names.add(entry.getKey());
                }
            }
        }
        return names;
    }

    /** The dense hidden layers of the run's best checkpoint. */
    public static List<String> denseLayers(AnalyzedRun run) {
        return denseLayers(Checkpoints.load(run.folder().resolve(RunStore.BEST)));
    }

    /** The penultimate layer of the run's best checkpoint. */
    public static String defaultLayer(AnalyzedRun run) {
        return defaultLayer(Checkpoints.load(run.folder().resolve(RunStore.BEST)));
    }

    /** The penultimate layer: the last dense layer before the output. */
    public static String defaultLayer(Model network) {
        List<String> dense = denseLayers(network);
        if (dense.isEmpty()) {
            throw new IllegalArgumentException("the network has no dense layer before its output");
        }
        return dense.get(dense.size() - 1);
    }

    /**
     * Extracts {@code layer} (null for the default) for the usable images of {@code split} (those the label journal
     * does not exclude), or for a random {@code limit} of them fixed by {@code seed} (0 = all).
     */
    public static Extracted extract(AnalyzedRun run, String layer, Split split, int limit, long seed,
                                    Progress progress) {
        return extract(run, layer, split, limit, seed, progress, true);
    }

    /** The same; {@code useProbe} false forces DL4J's forward pass (tests compare the two). */
    static Extracted extract(AnalyzedRun run, String layer, Split split, int limit, long seed, Progress progress,
                             boolean useProbe) {
        long started = System.nanoTime();
        Model network = Checkpoints.load(run.folder().resolve(RunStore.BEST));
        String name = layer == null || layer.isBlank() ? defaultLayer(network) : layer;
        if (!denseLayers(network).contains(name)) {
            throw new IllegalArgumentException("layer '" + name + "' is not a dense hidden layer of "
                    + run.folder().getFileName() + "; its dense layers are " + denseLayers(network));
        }
        Dataset dataset = run.dataset();
        float mean = run.record().data() != null ? run.record().data().pixelMean() : Float.NaN;
        float std = run.record().data() != null && run.record().data().pixelStd() > 0
                ? run.record().data().pixelStd() : Float.NaN;
        Dataset dataShape = dataset;
        NetworkProbe.Opened opened = useProbe ? NetworkProbe.openRun(run.folder().resolve(RunStore.BEST),
                run.record().spec().architecture(), InputShape.of(dataShape.channels(), dataShape.height(),
                        dataShape.width()), run.record().spec().resize(), dataShape.classCount())
                : new NetworkProbe.Opened(null, "DL4J's path was asked for");
        if (useProbe && !opened.opened()) {
            LOG.info("t-SNE features of {} through DL4J: the engine's probe cannot open its checkpoint ({})",
                    run.folder().getFileName(), opened.whyNot());
        }
        NetworkProbe probe = opened.probe();
        if (probe != null && !probe.layerNames().contains(name)) {
            LOG.info("t-SNE features of {} through DL4J: the engine has no layer '{}'", run.folder().getFileName(),
                    name);
            probe = null;
        }
        int batchSize = probe != null ? PROBE_BATCH : BATCH;
        TrainingData data = TrainingData.from(run.view(), split == Split.TRAIN ? limit : 0, seed, mean, std);
        List<TrainingData.Batch> batches = split == Split.TRAIN ? data.trainInOrder(batchSize)
                : data.testBatches(batchSize);
        int total = batches.stream().mapToInt(TrainingData.Batch::size).sum();
        int[] keep = split == Split.TEST && limit > 0 && limit < total ? MapQuality.subsample(total, limit, seed)
                : null;
        UnaryOperator<INDArray> toInput = inputAdapter(run.record().spec().architecture(), dataset);
        List<String> probed = List.of(name, probe == null ? name : probe.layerNames().get(probe.layerNames().size() - 1));
        int n = keep != null ? keep.length : total;
        int[] indices = new int[n];
        int[] labels = new int[n];
        int[] predicted = new int[n];
        float[] values = null;
        int dims = 0;
        int position = 0;
        int written = 0;
        int batchesDone = 0;
        for (TrainingData.Batch batch : batches) {
            Progress.checkCancelled();
            // the probe resizes by itself (it takes the features as the training data holds them)
            INDArray[] outputs = probe != null ? probe.activations(probed, batch.features())
                    : forward(network, name, toInput.apply(batch.features()));
            INDArray features = outputs[0];
            if (values == null) {
                dims = (int) (features.length() / batch.size());
                values = new float[n * dims];
            }
            float[] batchValues = features.reshape(batch.size(), dims).dup('c').data().asFloat();
            int[] batchPredicted = outputs[1].argMax(1).toIntVector();
            int[] batchLabels = batch.labels().argMax(1).toIntVector();
            for (int r = 0; r < batch.size(); r++, position++) {
                if (keep != null && java.util.Arrays.binarySearch(keep, position) < 0) {
                    continue;
                }
                indices[written] = batch.indices()[r];
                labels[written] = batchLabels[r];
                predicted[written] = batchPredicted[r];
                System.arraycopy(batchValues, r * dims, values, written * dims, dims);
                written++;
            }
            progress.update("features of " + name, position, total);
            if (probe == null && ++batchesDone % GC_EVERY == 0) {
                // DL4J's convolutions leave native buffers that only a collection frees; the Java heap sees too
                // little garbage to run one by itself, so native memory would grow by gigabytes.
                System.gc();
            }
        }
        // The forward pass's workspaces belong to this thread and would otherwise stay allocated while t-SNE runs;
        // the normalized images (190 MB for MNIST's training set) are garbage now, and their native memory is only
        // returned when the collector runs.
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        data = null;
        batches = null;
        System.gc();
        return new Extracted(name, split, indices, labels, predicted, values == null ? new float[0] : values, dims,
                (System.nanoTime() - started) / 1e9);
    }

    /** The layer's activations and the network's output for one batch. */
    private static INDArray[] forward(Model network, String layer, INDArray input) {
        if (network instanceof MultiLayerNetwork chain) {
            int index = -1;
            for (int i = 0; i < chain.getnLayers(); i++) {
                if (layer.equals(layerName(unwrap(chain.getLayerWiseConfigurations().getConf(i).getLayer()), i))) {
                    index = i;
                }
            }
            List<INDArray> activations = chain.feedForwardToLayer(chain.getnLayers() - 1, input, false);
            // activations[0] is the input; layer i's output is activations[i + 1]. The layers in between are
            // freed now: left to the garbage collector, their native memory piles up to gigabytes.
            INDArray features = activations.get(index + 1);
            INDArray output = activations.get(activations.size() - 1);
            for (int i = 1; i < activations.size(); i++) {
                INDArray activation = activations.get(i);
                if (activation != features && activation != output && activation != input
                        && activation.closeable()) {
                    activation.close();
                }
            }
            return new INDArray[] {features, output};
        }
        ComputationGraph graph = (ComputationGraph) network;
        Map<String, INDArray> activations = graph.feedForward(input, false);
        String output = graph.getConfiguration().getNetworkOutputs().get(0);
        return new INDArray[] {activations.get(layer), activations.get(output)};
    }

    private static boolean isHiddenDense(Layer layer) {
        return layer instanceof DenseLayer;
    }

    private static String layerName(Layer layer, int index) {
        return layer.getLayerName() != null ? layer.getLayerName() : String.valueOf(index);
    }

    private static Layer unwrap(Layer layer) {
        if (layer instanceof FrozenLayer frozen) {
            return unwrap(frozen.getLayer());
        }
        if (layer instanceof FrozenLayerWithBackprop frozen) {
            return unwrap(frozen.getUnderlying());
        }
        return layer;
    }

    /** The catalogue's input adapter (VGG16 resizes); networks from elsewhere take the features as they are. */
    private static UnaryOperator<INDArray> inputAdapter(String architecture, Dataset dataset) {
        if (!ArchitectureCatalog.names().contains(architecture)) {
            return features -> features;
        }
        var adapter = ArchitectureCatalog.named(architecture)
                .adapter(InputShape.of(dataset.channels(), dataset.height(), dataset.width()), ModelOptions.defaults());
        return adapter::apply;
    }
}
