package atelier.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.VGG16;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DL4J zoo's VGG16 for the data's channels and classes. The zoo's layer configurations are used as they are; the
 * vertices get the Keras names that the zoo's ImageNet weights carry (block1_conv1 ... fc2, predictions), so the
 * table reads well and those weights match by name. It takes images as [N, c, h, w].
 */
public final class Vgg16Architecture implements Architecture {
    public static final String NAME = "vgg16";
    /** Five 2x2 poolings need 2^5 pixels to leave one. */
    public static final int MINIMUM_SIDE = 32;
    private static final int POOLINGS = 5;

    static final List<String> LAYER_NAMES = List.of(
            "block1_conv1", "block1_conv2", "block1_pool",
            "block2_conv1", "block2_conv2", "block2_pool",
            "block3_conv1", "block3_conv2", "block3_conv3", "block3_pool",
            "block4_conv1", "block4_conv2", "block4_conv3", "block4_pool",
            "block5_conv1", "block5_conv2", "block5_conv3", "block5_pool",
            "fc1", "fc2", "predictions");

    /** The same shapes and parameters as the zoo's graph; its dropout sits inside fc1 and fc2, on their inputs. */
    private static final List<LayerSpec> LAYERS = layerList();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "VGG16 from DL4J's model zoo, with the data's channels and classes";
    }

    @Override
    public List<LayerSpec> layers() {
        return LAYERS;
    }

    @Override
    public List<String> layerNames() {
        return LAYER_NAMES;
    }

    /** The zoo's dropOut(0.5) on fc1 and fc2, in PyTorch's meaning: half of their inputs are dropped. */
    @Override
    public double denseInputDropout() {
        return 0.5;
    }

    /** MNIST-sized images are upsampled to the smallest size VGG16 takes. */
    @Override
    public int preferredSide(InputShape input) {
        return input.height() == 28 && input.width() == 28 ? MINIMUM_SIDE : 0;
    }

    @Override
    public StackCheck check(InputShape input, int classes, ModelOptions options) {
        return StackChecker.check(LAYERS, LAYER_NAMES, adapter(input, options).output(), classes);
    }

    @Override
    public Optional<String> refusal(InputShape input, int classes, ModelOptions options) {
        InputShape seen = adapter(input, options).output();
        int side = Math.min(seen.height(), seen.width());
        if (side < MINIMUM_SIDE) {
            return Optional.of(NAME + " cannot take " + seen.text() + " input: VGG16 needs images of at least "
                    + MINIMUM_SIDE + "x" + MINIMUM_SIDE + ", because its five 2x2 max-poolings halve "
                    + "the image each time (" + halvings(side) + "); resize the images to " + MINIMUM_SIDE + "x"
                    + MINIMUM_SIDE + " or to 224x224, the size VGG16 was designed for.");
        }
        return Architecture.super.refusal(input, classes, options);
    }

    @Override
    public List<String> notes(InputShape input, int classes, ModelOptions options) {
        InputAdapter adapter = adapter(input, options);
        InputShape seen = adapter.output();
        List<String> notes = new ArrayList<>();
        notes.add("DL4J zoo's VGG16 (Simonyan and Zisserman, 2014): 13 3x3 convolutions in 5 blocks, each block "
                + "ending in a 2x2 max-pooling, then two dense layers of 4096 units with dropout 0.5 on their inputs, "
                + "and the output; here for " + seen.channels() + (seen.channels() == 1 ? " channel" : " channels")
                + " and " + classes + " classes.");
        if (adapter.resizes()) {
            notes.add("The " + input.height() + "x" + input.width() + " images are resized (bilinear) to "
                    + seen.height() + "x" + seen.width() + " on their way in: the poolings halve the image "
                    + POOLINGS + " times, so VGG16 needs at least " + MINIMUM_SIDE + "x" + MINIMUM_SIDE + " ("
                    + halvings(Math.min(seen.height(), seen.width())) + ").");
        }
        StackCheck check = check(input, classes, options);
        notes.add(ShapeNotes.flow(check));
        if (check.ok()) {
            LayerCheck pooled = check.layers().get(LAYER_NAMES.indexOf("block5_pool"));
            LayerCheck fc1 = check.layers().get(LAYER_NAMES.indexOf("fc1"));
            long flat = (long) pooled.outputShape().get(0) * pooled.outputShape().get(1) * pooled.outputShape().get(2);
            boolean designSize = seen.height() == 224 && seen.width() == 224;
            notes.add(String.format("fc1 sees %s = %,d values and has %,d parameters, %d%% of the network%s.",
                    String.join("x", pooled.outputShape().stream().map(String::valueOf).toList()), flat,
                    fc1.trainable(), Math.round(100.0 * fc1.trainable() / check.trainable()),
                    designSize ? "" : "; at 224x224 it would see 512x7x7 = 25,088 values and have 102,764,544"));
        }
        notes.add("ImageNet weights (the zoo's initPretrained) are for 3-channel 224x224 images: the convolutions "
                + "fit any input size (for grey images the first one's RGB weights are summed), fc1 fits only at "
                + "224x224, and the output layer is always new.");
        return notes;
    }

    @Override
    public BuiltModel build(InputShape input, int classes, ModelOptions options) {
        Optional<String> refusal = refusal(input, classes, options);
        if (refusal.isPresent()) {
            throw new ModelException(refusal.get());
        }
        InputAdapter adapter = adapter(input, options);
        ComputationGraph network = new ComputationGraph(configuration(adapter.output(), classes, options));
        network.init();
        return new BuiltModel(NAME, adapter, classes, network);
    }

    /** The zoo's configuration with Keras vertex names, the chosen weight initialisation and a [N,c,h,w] input. */
    static ComputationGraphConfiguration configuration(InputShape shape, int classes, ModelOptions options) {
        ComputationGraphConfiguration zoo = VGG16.builder()
                .seed(options.seed())
                .inputShape(new int[] {shape.channels(), shape.height(), shape.width()})
                .numClasses(classes)
                .updater(options.updater())
                .build()
                .conf();
        Map<String, GraphVertex> vertices = zoo.getVertices();
        if (vertices.size() != LAYER_NAMES.size()) {
            throw new IllegalStateException("DL4J zoo's VGG16 has " + vertices.size() + " layers, expected "
                    + LAYER_NAMES.size());
        }
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .updater(options.updater())
                .weightInit(options.weights().dl4j())
                .activation(Activation.RELU)
                .dataType(DataType.FLOAT)
                .graphBuilder()
                .addInputs(StackNetworkBuilder.INPUT);
        String previous = StackNetworkBuilder.INPUT;
        int index = 0;
        for (GraphVertex vertex : vertices.values()) {
            Layer layer = ((LayerVertex) vertex).getLayerConf().getLayer().clone();
            String name = LAYER_NAMES.get(index++);
            layer.setLayerName(name);
            if (layer instanceof BaseLayer weighted) {
                weighted.setWeightInitFn(options.weights().dl4j());
            }
            graph.addLayer(name, layer, previous);
            previous = name;
        }
        return graph.setOutputs(previous)
                .setInputTypes(InputType.convolutional(shape.height(), shape.width(), shape.channels()))
                .build();
    }

    /** "18 -> 9 -> 4 -> 2 -> 1, and a 1x1 image has no 2x2 window for the next pooling" style arithmetic. */
    private static String halvings(int side) {
        StringJoiner steps = new StringJoiner(" -> ");
        steps.add(String.valueOf(side));
        int size = side;
        for (int pooling = 1; pooling <= POOLINGS; pooling++) {
            if (size < 2) {
                return steps + ", which leaves no 2x2 window for pooling " + pooling;
            }
            size /= 2;
            steps.add(String.valueOf(size));
        }
        return steps.toString();
    }

    private static List<LayerSpec> layerList() {
        List<LayerSpec> layers = new ArrayList<>();
        int[][] blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
        for (int[] block : blocks) {
            for (int i = 0; i < block[1]; i++) {
                layers.add(new LayerSpec.Conv(block[0], 3, LayerSpec.Padding.SAME, Nonlinearity.RELU));
            }
            layers.add(new LayerSpec.Pool(2));
        }
        layers.add(new LayerSpec.Dense(4096, Nonlinearity.RELU));
        layers.add(new LayerSpec.Dense(4096, Nonlinearity.RELU));
        return List.copyOf(layers);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
