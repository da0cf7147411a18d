package atelier.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a parameter table out of a DL4J network: names and settings from its configuration, output shapes from
 * DL4J's own input-type inference, counts from the parameter arrays it allocated.
 */
final class NetworkInspector {
    private static final Set<String> RUNNING_STATISTICS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    private NetworkInspector() {
    }

    static ParameterTable table(BuiltModel model) {
        List<LayerRow> rows = new ArrayList<>();
        InputShape in = model.networkInput();
        if (model.adapter().resizes()) {
            rows.add(new LayerRow("resize", "Resize", "bilinear, " + model.input().height() + "x"
                    + model.input().width() + " to " + in.height() + "x" + in.width() + ", by the input adapter",
                    in.asList(), 0, 0, false));
        }
        InputType inputType = InputType.convolutional(in.height(), in.width(), in.channels());
        if (model.network() instanceof MultiLayerNetwork network) {
            chainRows(network, inputType, rows);
        } else {
            graphRows(model.graph(), inputType, rows);
        }
        return new ParameterTable(rows);
    }

    private static void chainRows(MultiLayerNetwork network, InputType inputType, List<LayerRow> rows) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        List<InputType> outputs = conf.getLayerActivationTypes(inputType);
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            rows.add(layerRow(layer.getLayerName(), layer, network.getLayer(i).paramTable(), outputs.get(i)));
        }
    }

    private static void graphRows(ComputationGraph graph, InputType inputType, List<LayerRow> rows) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        // Shape inference writes nIn and preprocessors into the configuration it runs on: give it a copy.
        Map<String, InputType> outputs = conf.clone().getLayerActivationTypes(inputType);
        for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
            String name = entry.getKey();
            GraphVertex vertex = entry.getValue();
            if (vertex instanceof LayerVertex layerVertex) {
                rows.add(layerRow(name, layerVertex.getLayerConf().getLayer(), graph.getLayer(name).paramTable(),
                        outputs.get(name)));
            } else {
                boolean frozen = vertex instanceof FrozenVertex;
                GraphVertex inner = frozen ? ((FrozenVertex) vertex).getUnderlying() : vertex;
                List<String> inputs = conf.getVertexInputs().get(name);
                rows.add(new LayerRow(name, vertexType(inner), vertexDetail(inner, inputs), shape(outputs.get(name)),
                        0, 0, frozen));
            }
        }
    }

    private static LayerRow layerRow(String name, Layer layer, Map<String, INDArray> params, InputType output) {
        boolean frozen = layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop;
        Layer inner = unwrap(layer);
        long trainable = 0;
        long nonTrainable = 0;
        for (Map.Entry<String, INDArray> param : params.entrySet()) {
            boolean statistics = inner instanceof BatchNormalization && RUNNING_STATISTICS.contains(param.getKey());
            if (statistics) {
                nonTrainable += param.getValue().length();
            } else {
                trainable += param.getValue().length();
            }
        }
        return new LayerRow(name, layerType(inner), layerDetail(inner), shape(output), trainable, nonTrainable,
                frozen);
    }

    static Layer unwrap(Layer layer) {
        if (layer instanceof FrozenLayer frozen) {
            return unwrap(frozen.getLayer());
        }
        if (layer instanceof FrozenLayerWithBackprop frozen) {
            return unwrap(frozen.getUnderlying());
        }
        return layer;
    }

    private static String layerType(Layer layer) {
        if (layer instanceof ConvolutionLayer) {
            return "Conv2D";
        }
        if (layer instanceof SubsamplingLayer pooling) {
            return pooling.getPoolingType() == PoolingType.MAX ? "MaxPool2D" : "Pool2D";
        }
        if (layer instanceof BatchNormalization) {
            return "BatchNorm";
        }
        if (layer instanceof DropoutLayer) {
            return "Dropout";
        }
        if (layer instanceof ActivationLayer) {
            return "Activation";
        }
        if (layer instanceof BaseOutputLayer) {
            return "Output";
        }
        if (layer instanceof DenseLayer) {
            return "Dense";
        }
        return layer.getClass().getSimpleName();
    }

    private static String layerDetail(Layer layer) {
        if (layer instanceof ConvolutionLayer conv) {
            int[] kernel = conv.getKernelSize();
            int[] stride = conv.getStride();
            return conv.getNOut() + " filters " + kernel[0] + "x" + kernel[1] + ", stride " + stride[0] + ", "
                    + padding(conv.getConvolutionMode(), conv.getPadding()) + ", " + conv.getActivationFn()
                    + dropoutOnInput(conv.getIDropout());
        }
        if (layer instanceof SubsamplingLayer pooling) {
            int[] kernel = pooling.getKernelSize();
            return pooling.getPoolingType().name().toLowerCase(Locale.ROOT) + " " + kernel[0] + "x" + kernel[1]
                    + ", stride " + pooling.getStride()[0] + ", "
                    + padding(pooling.getConvolutionMode(), pooling.getPadding());
        }
        if (layer instanceof BatchNormalization norm) {
            return "eps " + BigDecimal.valueOf(norm.getEps()).toPlainString() + ", running averages with decay "
                    + norm.getDecay();
        }
        if (layer instanceof DropoutLayer) {
            return dropped(layer.getIDropout());
        }
        if (layer instanceof ActivationLayer activation) {
            return activation.getActivationFn().toString();
        }
        if (layer instanceof BaseOutputLayer output) {
            return output.getNOut() + " classes, " + output.getActivationFn() + ", loss "
                    + output.getLossFn().getClass().getSimpleName().replaceFirst("^Loss", "")
                    + dropoutOnInput(output.getIDropout());
        }
        if (layer instanceof DenseLayer dense) {
            return dense.getNOut() + " units, " + dense.getActivationFn() + dropoutOnInput(dense.getIDropout());
        }
        return "";
    }

    private static String padding(ConvolutionMode mode, int[] padding) {
        if (mode == ConvolutionMode.Same) {
            return "same";
        }
        return padding[0] == 0 && padding[1] == 0 ? "valid" : "padding " + padding[0];
    }

    /** DL4J keeps a share p of the values; say it the PyTorch way, as the share dropped. */
    private static String dropped(IDropout dropout) {
        if (dropout instanceof Dropout plain) {
            return "drops " + LayerSpecText.number(Math.round((1 - plain.getP()) * 1e6) / 1e6) + " (DL4J keeps "
                    + LayerSpecText.number(plain.getP()) + ")";
        }
        return dropout == null ? "" : dropout.toString();
    }

    private static String dropoutOnInput(IDropout dropout) {
        return dropout == null ? "" : ", on its input " + dropped(dropout);
    }

    private static String vertexType(GraphVertex vertex) {
        if (vertex instanceof ElementWiseVertex elementWise) {
            String op = elementWise.getOp().name();
            return op.charAt(0) + op.substring(1).toLowerCase(Locale.ROOT);
        }
        return vertex.getClass().getSimpleName();
    }

    private static String vertexDetail(GraphVertex vertex, List<String> inputs) {
        if (vertex instanceof ElementWiseVertex elementWise && inputs != null) {
            String symbol = elementWise.getOp() == ElementWiseVertex.Op.Add ? " + " : " " + elementWise.getOp() + " ";
            return String.join(symbol, inputs);
        }
        return inputs == null ? "" : "from " + String.join(", ", inputs);
    }

    private static List<Integer> shape(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional image) {
            return List.of((int) image.getChannels(), (int) image.getHeight(), (int) image.getWidth());
        }
        if (type instanceof InputType.InputTypeFeedForward vector) {
            return List.of((int) vector.getSize());
        }
        if (type instanceof InputType.InputTypeConvolutionalFlat flat) {
            return List.of((int) flat.getFlattenedSize());
        }
        return List.of();
    }
}
