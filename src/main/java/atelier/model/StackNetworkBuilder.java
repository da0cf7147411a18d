package atelier.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Turns a checked layer list into an initialised DL4J network: a MultiLayerNetwork when the layers form a plain
 * chain, a ComputationGraph when a residual block needs its input twice. Layer sizes (nIn) are left to DL4J's input
 * type inference so that the network's own arithmetic, not ours, decides the shapes.
 */
final class StackNetworkBuilder {
    static final String INPUT = "input";

    private StackNetworkBuilder() {
    }

    /** {@code check} is the list's passing check; it gives the channel counts that residual blocks keep. */
    static Model build(List<LayerSpec> layers, StackCheck check, int classes, ModelOptions options) {
        InputShape input = check.input();
        List<String> names = LayerNaming.names(layers);
        // DL4J's default activation is sigmoid; every layer here states its own, so the default must not leak in.
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .updater(options.updater())
                .weightInit(options.weights().dl4j())
                .activation(Activation.IDENTITY)
                .dataType(DataType.FLOAT);
        InputType inputType = InputType.convolutional(input.height(), input.width(), input.channels());
        boolean branches = layers.stream().anyMatch(layer -> layer instanceof LayerSpec.Residual);
        return branches ? graph(base, layers, names, check, inputType, classes)
                : chain(base, layers, names, inputType, classes);
    }

    private static MultiLayerNetwork chain(NeuralNetConfiguration.Builder base, List<LayerSpec> layers,
                                           List<String> names, InputType inputType, int classes) {
        NeuralNetConfiguration.ListBuilder list = base.list();
        for (int i = 0; i < layers.size(); i++) {
            for (Layer layer : plain(layers.get(i), names.get(i))) {
                list.layer(layer);
            }
        }
        list.layer(output(classes));
        list.setInputType(inputType);
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        return network;
    }

    private static ComputationGraph graph(NeuralNetConfiguration.Builder base, List<LayerSpec> layers,
                                          List<String> names, StackCheck check, InputType inputType,
                                          int classes) {
        ComputationGraphConfiguration.GraphBuilder graph = base.graphBuilder().addInputs(INPUT);
        String previous = INPUT;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = layers.get(i);
            String name = names.get(i);
            if (spec instanceof LayerSpec.Residual residual) {
                int channels = i == 0 ? check.input().channels()
                        : check.layers().get(i - 1).outputShape().get(0);
                previous = residual(graph, residual, name, channels, previous);
                continue;
            }
            for (Layer layer : plain(spec, name)) {
                graph.addLayer(layer.getLayerName(), layer, previous);
                previous = layer.getLayerName();
            }
        }
        Layer output = output(classes);
        graph.addLayer(output.getLayerName(), output, previous);
        graph.setOutputs(output.getLayerName());
        graph.setInputTypes(inputType);
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    /** conv-ReLU-conv with as many filters as the block's input has channels, then the input added to it. */
    private static String residual(ComputationGraphConfiguration.GraphBuilder graph, LayerSpec.Residual residual,
                                   String name, int channels, String previous) {
        String first = name + "_conv1";
        String second = name + "_conv2";
        String sum = name + "_add";
        graph.addLayer(first, conv(first, channels, residual.kernel(), 1, LayerSpec.Padding.SAME,
                Nonlinearity.RELU), previous);
        graph.addLayer(second, conv(second, channels, residual.kernel(), 1, LayerSpec.Padding.SAME,
                Nonlinearity.NONE), first);
        graph.addVertex(sum, new ElementWiseVertex(ElementWiseVertex.Op.Add), previous, second);
        if (residual.activation() == Nonlinearity.NONE) {
            return sum;
        }
        String activated = name + "_" + residual.activation().key();
        graph.addLayer(activated, activation(activated, residual.activation()), sum);
        return activated;
    }

    private static List<Layer> plain(LayerSpec spec, String name) {
        List<Layer> out = new ArrayList<>(2);
        if (spec instanceof LayerSpec.Conv conv) {
            out.add(conv(name, conv.filters(), conv.kernel(), conv.stride(), conv.padding(), conv.activation()));
        } else if (spec instanceof LayerSpec.Pool pool) {
            out.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(pool.size(), pool.size())
                    .stride(pool.stride(), pool.stride())
                    .convolutionMode(ConvolutionMode.Truncate)
                    .name(name)
                    .build());
        } else if (spec instanceof LayerSpec.BatchNorm norm) {
            // PyTorch's momentum 0.1 is DL4J's decay 0.9, and both use eps 1e-5.
            out.add(new BatchNormalization.Builder().decay(0.9).eps(1e-5).name(name).build());
            if (norm.activation() != Nonlinearity.NONE) {
                String activated = name + "_" + norm.activation().key();
                out.add(activation(activated, norm.activation()));
            }
        } else if (spec instanceof LayerSpec.Dropout dropout) {
            // DL4J's number is the probability of keeping a value, PyTorch's of dropping it.
            out.add(new DropoutLayer.Builder(1.0 - dropout.rate()).name(name).build());
        } else if (spec instanceof LayerSpec.Dense dense) {
            out.add(new DenseLayer.Builder().nOut(dense.units()).activation(dense.activation().dl4j()).name(name)
                    .build());
        } else {
            throw new IllegalArgumentException("a " + spec.kind() + " layer cannot be part of a plain chain");
        }
        return out;
    }

    private static ConvolutionLayer conv(String name, int filters, int kernel, int stride, LayerSpec.Padding padding,
                                         Nonlinearity activation) {
        return new ConvolutionLayer.Builder(kernel, kernel)
                .stride(stride, stride)
                .nOut(filters)
                .convolutionMode(padding == LayerSpec.Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                .activation(activation.dl4j())
                .name(name)
                .build();
    }

    private static ActivationLayer activation(String name, Nonlinearity activation) {
        return new ActivationLayer.Builder().activation(activation.dl4j()).name(name).build();
    }

    private static OutputLayer output(int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classes)
                .activation(Activation.SOFTMAX)
                .name(LayerNaming.OUTPUT)
                .build();
    }
}
