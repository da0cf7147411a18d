package atelier.analysis.actmax;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds a probe copy of a trained network for input gradients: the layers up to the chosen one, with the same
 * weights, then a loss layer with {@link LinearObjective}, so that DL4J's own backpropagation gives d(unit)/d(input).
 *
 * <p>Why a copy and not the network itself: DL4J computes input gradients only in training mode, and only from a
 * loss (an OutputLayer refuses an external epsilon). Training mode would apply dropout and normalize with the
 * batch's statistics, so the copy has no dropout, and each batch normalization becomes the fixed per-channel affine
 * map it is at inference (a 1×1 convolution or a dense layer with diagonal weights: exact, and DL4J backpropagates
 * through it). The output layer, when it is the chosen one, becomes a dense layer without its softmax: its outputs
 * are the logits.
 */
final class ProbeNetworks {
    static final String OBJECTIVE = "actmax_objective";
    /** A graph probe's input: a one-hot image index. */
    static final String INDEX = "actmax_index";
    /** A graph probe's first layer: its weight rows are the images, so their gradient is the input gradient. */
    static final String IMAGES = "actmax_images";

    private ProbeNetworks() {
    }

    /** The probe and the layer it ends in. */
    record Probe(Model network, ProbedLayer layer) {
    }

    /**
     * @param graphBatch for a ComputationGraph, the batch size the probe takes (see {@link #graph})
     */
    static Probe build(Model network, String layerName, long[] inputShape, int graphBatch) {
        if (network instanceof MultiLayerNetwork chain) {
            return chain(chain, layerName, inputShape);
        }
        if (network instanceof ComputationGraph graph) {
            return graph(graph, layerName, inputShape, graphBatch);
        }
        throw new IllegalArgumentException("not a DL4J network: " + network.getClass().getName());
    }

    /** The names of the layers a user can choose, in order (the output layer last). */
    static List<String> layerNames(Model network) {
        List<String> names = new ArrayList<>();
        if (network instanceof MultiLayerNetwork chain) {
            for (int i = 0; i < chain.getnLayers(); i++) {
                names.add(chainName(chain.getLayerWiseConfigurations(), i));
            }
        } else if (network instanceof ComputationGraph graph) {
            graph.getConfiguration().getVertices().forEach((name, vertex) -> {
                if (vertex instanceof LayerVertex) {
                    names.add(name);
                }
            });
        }
        return names;
    }

    private static Probe chain(MultiLayerNetwork net, String layerName, long[] inputShape) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int count = net.getnLayers();
        int chosen = count - 1;
        if (layerName != null) {
            chosen = -1;
            for (int i = 0; i < count; i++) {
                if (layerName.equals(chainName(conf, i))) {
                    chosen = i;
                }
            }
            if (chosen < 0) {
                throw new IllegalArgumentException("the network has no layer " + layerName + " (it has "
                        + String.join(", ", layerNames(net)) + ")");
            }
        }
        // activations.get(i + 1) is layer i's output: its rank tells dense from convolution-shaped
        List<INDArray> activations = net.feedForward(Nd4j.zeros(DataType.FLOAT, batchOf(inputShape)), false);
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        Map<Integer, InputPreProcessor> preProcessors = new HashMap<>();
        List<Replacement> replacements = new ArrayList<>();
        for (int i = 0; i <= chosen; i++) {
            NeuralNetConfiguration layerConf = conf.getConf(i).clone();
            Replacement replacement = replace(unwrap(layerConf.getLayer()), activations.get(i + 1),
                    net.getLayer(i).paramTable());
            layerConf.setLayer(replacement.layer);
            confs.add(layerConf);
            replacements.add(replacement);
            if (conf.getInputPreProcess(i) != null) {
                preProcessors.put(i, conf.getInputPreProcess(i).clone());
            }
        }
        INDArray chosenOutput = activations.get(chosen + 1);
        NeuralNetConfiguration objective = conf.getConf(chosen).clone();
        objective.setLayer(objectiveLayer(chosenOutput));
        confs.add(objective);
        MultiLayerConfiguration probeConf = new MultiLayerConfiguration.Builder()
                .confs(confs)
                .inputPreProcessors(preProcessors)
                .dataType(conf.getDataType())
                .validateOutputLayerConfig(false)
                .build();
        MultiLayerNetwork probe = new MultiLayerNetwork(probeConf);
        probe.init();
        for (int i = 0; i <= chosen; i++) {
            replacements.get(i).fill(probe.getLayer(i).paramTable());
        }
        Layer chosenLayer = unwrap(conf.getConf(chosen).getLayer());
        return new Probe(probe, describe(chainName(conf, chosen), chosenLayer, chosenOutput));
    }

    /**
     * A ComputationGraph hands out no input gradients (M2.1 has no calculateGradients for graphs), so the graph probe
     * takes the images as the weights of a first dense layer fed a one-hot index: row i of that layer's weight
     * gradient is image i's input gradient. A preprocessor vertex under the original input's name turns the rows
     * back into images, so the rest of the graph is unchanged. The batch size is fixed by that layer's width.
     */
    private static Probe graph(ComputationGraph net, String layerName, long[] inputShape, int batch) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || inputShape.length != 3) {
            throw new IllegalArgumentException("the network has " + conf.getNetworkInputs().size()
                    + " inputs; activation maximization needs one image input");
        }
        String chosen = layerName;
        if (chosen == null) {
            if (conf.getNetworkOutputs().size() != 1) {
                throw new IllegalArgumentException("the network has " + conf.getNetworkOutputs().size()
                        + " outputs; name the layer to maximize");
            }
            chosen = conf.getNetworkOutputs().get(0);
        }
        if (!(conf.getVertices().get(chosen) instanceof LayerVertex)) {
            throw new IllegalArgumentException("the network has no layer " + chosen + " (it has "
                    + String.join(", ", layerNames(net)) + ")");
        }
        Map<String, INDArray> activations = net.feedForward(Nd4j.zeros(DataType.FLOAT, batchOf(inputShape)), false);
        Set<String> needed = ancestors(conf, chosen);
        Map<String, GraphVertex> vertices = new LinkedHashMap<>();
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        Map<String, Replacement> replacements = new LinkedHashMap<>();
        String imageInput = conf.getNetworkInputs().get(0);
        NeuralNetConfiguration imagesConf = ((LayerVertex) conf.getVertices().get(chosen)).getLayerConf().clone();
        imagesConf.setLayer(fixed(new DenseLayer.Builder().nIn(batch).nOut(inputShape[0] * inputShape[1]
                * inputShape[2])).hasBias(false).name(IMAGES).build());
        vertices.put(IMAGES, new LayerVertex(imagesConf, null));
        inputs.put(IMAGES, List.of(INDEX));
        vertices.put(imageInput, new PreprocessorVertex(new FeedForwardToCnnPreProcessor(inputShape[1], inputShape[2],
                inputShape[0])));
        inputs.put(imageInput, List.of(IMAGES));
        for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
            String name = entry.getKey();
            if (!needed.contains(name)) {
                continue;
            }
            GraphVertex vertex = entry.getValue().clone();
            if (vertex instanceof LayerVertex layerVertex) {
                NeuralNetConfiguration layerConf = layerVertex.getLayerConf().clone();
                Replacement replacement = replace(unwrap(layerConf.getLayer()), activations.get(name),
                        net.getLayer(name).paramTable());
                layerConf.setLayer(replacement.layer);
                InputPreProcessor pre = layerVertex.getPreProcessor();
                LayerVertex copy = new LayerVertex(layerConf, pre == null ? null : pre.clone());
                vertex = copy;
                replacements.put(name, replacement);
            }
            vertices.put(name, vertex);
            inputs.put(name, new ArrayList<>(conf.getVertexInputs().get(name)));
        }
        LayerVertex chosenVertex = (LayerVertex) conf.getVertices().get(chosen);
        NeuralNetConfiguration objectiveConf = chosenVertex.getLayerConf().clone();
        objectiveConf.setLayer(objectiveLayer(activations.get(chosen)));
        LayerVertex objective = new LayerVertex(objectiveConf, null);
        objective.setOutputVertex(true);
        vertices.put(OBJECTIVE, objective);
        inputs.put(OBJECTIVE, List.of(chosen));
        ComputationGraphConfiguration probeConf = conf.clone();
        probeConf.setVertices(vertices);
        probeConf.setVertexInputs(inputs);
        probeConf.setNetworkInputs(List.of(INDEX));
        probeConf.setNetworkOutputs(List.of(OBJECTIVE));
        probeConf.setTopologicalOrder(null);
        probeConf.setTopologicalOrderStr(null);
        probeConf.setValidateOutputLayerConfig(false);
        ComputationGraph probe = new ComputationGraph(probeConf);
        probe.init();
        replacements.forEach((name, replacement) -> replacement.fill(probe.getLayer(name).paramTable()));
        Layer chosenLayer = unwrap(chosenVertex.getLayerConf().getLayer());
        return new Probe(probe, describe(chosen, chosenLayer, activations.get(chosen)));
    }

    /** The vertices the chosen one depends on, itself included, network inputs excluded. */
    private static Set<String> ancestors(ComputationGraphConfiguration conf, String chosen) {
        Set<String> needed = new LinkedHashSet<>();
        Deque<String> open = new ArrayDeque<>(List.of(chosen));
        while (!open.isEmpty()) {
            String name = open.pop();
            if (conf.getNetworkInputs().contains(name) || !needed.add(name)) {
                continue;
            }
            open.addAll(conf.getVertexInputs().getOrDefault(name, List.of()));
        }
        return needed;
    }

    private static ProbedLayer describe(String name, Layer layer, INDArray output) {
        int units = (int) output.size(1);
        if (layer instanceof BaseOutputLayer) {
            return new ProbedLayer(name, ProbedLayer.Kind.LOGITS, units);
        }
        return new ProbedLayer(name, output.rank() == 4 ? ProbedLayer.Kind.CHANNEL_MEAN : ProbedLayer.Kind.DENSE,
                units);
    }

    private static Layer objectiveLayer(INDArray output) {
        if (output.rank() == 4) {
            return new CnnLossLayer.Builder(new LinearObjective()).activation(Activation.IDENTITY)
                    .format(CNN2DFormat.NCHW).name(OBJECTIVE).build();
        }
        if (output.rank() != 2) {
            throw new IllegalArgumentException("cannot maximize a layer with rank-" + output.rank() + " outputs");
        }
        return new LossLayer.Builder(new LinearObjective()).activation(Activation.IDENTITY).name(OBJECTIVE).build();
    }

    /** A layer of the probe and how its parameters come from the original layer's. */
    private record Replacement(Layer layer, Map<String, INDArray> original, boolean batchNorm, double eps,
                               boolean useLogStd, double fixedGamma, double fixedBeta) {
        static Replacement same(Layer layer, Map<String, INDArray> original) {
            return new Replacement(layer, original, false, 0, false, 0, 0);
        }

        void fill(Map<String, INDArray> target) {
            if (batchNorm) {
                fillAffine(target);
                return;
            }
            for (Map.Entry<String, INDArray> param : target.entrySet()) {
                param.getValue().assign(original.get(param.getKey()));
            }
        }

        /** y = scale·x + shift per channel: scale = γ/σ, shift = β − scale·μ, with σ as the layer keeps it. */
        private void fillAffine(Map<String, INDArray> target) {
            double[] mean = values(BatchNormalizationParamInitializer.GLOBAL_MEAN, 0);
            double[] spread = useLogStd ? values(BatchNormalizationParamInitializer.GLOBAL_LOG_STD, 0)
                    : values(BatchNormalizationParamInitializer.GLOBAL_VAR, 0);
            double[] gamma = values(BatchNormalizationParamInitializer.GAMMA, fixedGamma);
            double[] beta = values(BatchNormalizationParamInitializer.BETA, fixedBeta);
            int channels = mean.length;
            double[][] diagonal = new double[channels][channels];
            double[] shift = new double[channels];
            for (int c = 0; c < channels; c++) {
                double std = useLogStd ? Math.pow(10, spread[c]) : Math.sqrt(spread[c] + eps);
                double scale = gamma[c] / std;
                diagonal[c][c] = scale;
                shift[c] = beta[c] - scale * mean[c];
            }
            INDArray weights = target.get("W");
            weights.assign(Nd4j.create(diagonal).castTo(weights.dataType()).reshape(weights.shape()));
            INDArray bias = target.get("b");
            bias.assign(Nd4j.create(shift).castTo(bias.dataType()).reshape(bias.shape()));
        }

        /** A per-channel parameter, or {@code fixed} for every channel when the layer keeps it fixed. */
        private double[] values(String key, double fixed) {
            INDArray param = original.get(key);
            if (param != null) {
                return param.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            }
            double[] same = new double[(int) original.get(BatchNormalizationParamInitializer.GLOBAL_MEAN).length()];
            java.util.Arrays.fill(same, fixed);
            return same;
        }
    }

    private static Replacement replace(Layer layer, INDArray output, Map<String, INDArray> params) {
        String name = layer.getLayerName();
        if (layer instanceof DropoutLayer) {
            return Replacement.same(new ActivationLayer.Builder().activation(Activation.IDENTITY).name(name).build(),
                    params);
        }
        if (layer instanceof BatchNormalization norm) {
            long channels = output.size(1);
            Layer affine = output.rank() == 4
                    ? fixed(new ConvolutionLayer.Builder(1, 1).nIn(channels).nOut(channels)).name(name).build()
                    : fixed(new DenseLayer.Builder().nIn(channels).nOut(channels)).name(name).build();
            return new Replacement(affine, params, true, norm.getEps(), norm.isUseLogStd(), norm.getGamma(),
                    norm.getBeta());
        }
        if (layer instanceof BaseOutputLayer output1) {
            return Replacement.same(fixed(new DenseLayer.Builder().nIn(output1.getNIn()).nOut(output1.getNOut()))
                    .hasBias(output1.hasBias()).name(name).build(), params);
        }
        Layer copy = layer.clone();
        copy.setIDropout(null);
        if (copy instanceof BaseLayer base) {
            base.setWeightNoise(null);
        }
        return Replacement.same(copy, params);
    }

    /**
     * A layer made here, outside a network builder, gets none of its defaults: every setting that the network's
     * initialisation and gradient computation read is given (its weights are overwritten at once).
     */
    private static <T extends BaseLayer.Builder<T>> T fixed(T builder) {
        builder.activation(Activation.IDENTITY);
        builder.weightInit(WeightInit.ZERO);
        builder.updater(new NoOp());
        builder.biasUpdater(new NoOp());
        builder.regularization(new ArrayList<>());
        builder.regularizationBias(new ArrayList<>());
        return builder;
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

    private static String chainName(MultiLayerConfiguration conf, int index) {
        String name = unwrap(conf.getConf(index).getLayer()).getLayerName();
        return name != null ? name : String.valueOf(index);
    }

    private static long[] batchOf(long[] inputShape) {
        long[] shape = new long[inputShape.length + 1];
        shape[0] = 1;
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        return shape;
    }
}
