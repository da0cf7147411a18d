package atelier.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The architectures Atelier offers, and the calls the Architecture tab makes: list them with their totals for an
 * input size, describe one, check a custom layer list as it is edited, build one for training.
 */
public final class ArchitectureCatalog {
    public static final String CUSTOM = "custom";

    private static final Map<String, Architecture> BUILT_IN = builtIn();

    private ArchitectureCatalog() {
    }

    /** Every architecture's key, "custom" last. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(BUILT_IN.keySet());
        names.add(CUSTOM);
        return Collections.unmodifiableList(names);
    }

    /** The architecture of that key; "custom" gives the starting layer list of the custom editor. */
    public static Architecture named(String name) {
        if (CUSTOM.equals(name)) {
            return custom(defaultCustomLayers());
        }
        Architecture architecture = BUILT_IN.get(name);
        if (architecture == null) {
            throw new ModelException("unknown architecture \"" + name + "\" (" + String.join(", ", names()) + ")");
        }
        return architecture;
    }

    public static Architecture custom(List<LayerSpec> layers) {
        return new StackArchitecture(CUSTOM, "Your own layer list", layers, List.of());
    }

    /** The custom editor starts from mnist-net, a small network that works, rather than from nothing. */
    public static List<LayerSpec> defaultCustomLayers() {
        return BUILT_IN.get("mnist-net").layers();
    }

    /** Every architecture with its totals for this input and class count, or why the input does not fit it. */
    public static List<ArchitectureSummary> list(InputShape input, int classes, ModelOptions options) {
        List<ArchitectureSummary> summaries = new ArrayList<>();
        for (String name : names()) {
            Architecture architecture = named(name);
            StackCheck check = architecture.check(input, classes, options);
            Optional<String> refusal = architecture.refusal(input, classes, options);
            summaries.add(new ArchitectureSummary(name, architecture.title(),
                    architecture.adapter(input, options).output(), refusal.isEmpty() ? check.trainable() : 0,
                    refusal.isEmpty() ? check.nonTrainable() : 0, refusal.orElse(null)));
        }
        return summaries;
    }

    /** Builds the network (which for VGG16 at 224x224 means half a gigabyte) to read its table from it. */
    public static ArchitectureDescription describe(Architecture architecture, InputShape input, int classes,
                                                   ModelOptions options) {
        StackCheck check = architecture.check(input, classes, options);
        Optional<String> refusal = architecture.refusal(input, classes, options);
        ParameterTable table = refusal.isPresent() ? null
                : ParameterTable.of(architecture.build(input, classes, options));
        return new ArchitectureDescription(architecture.name(), architecture.title(), input,
                architecture.adapter(input, options).output(), classes, table, check,
                architecture.notes(input, classes, options), refusal.orElse(null));
    }

    /** The per-layer check of a custom list, cheap enough for every edit. */
    public static StackCheck validate(List<LayerSpec> layers, InputShape input, int classes) {
        return StackChecker.check(layers, input, classes);
    }

    private static Map<String, Architecture> builtIn() {
        Map<String, Architecture> all = new LinkedHashMap<>();
        add(all, new StackArchitecture("mnist-net", "The network of pytorch/examples mnist/main.py",
                List.of(conv(32, LayerSpec.Padding.VALID, Nonlinearity.RELU),
                        conv(64, LayerSpec.Padding.VALID, Nonlinearity.RELU),
                        new LayerSpec.Pool(2),
                        new LayerSpec.Dropout(0.25),
                        new LayerSpec.Dense(128, Nonlinearity.RELU),
                        new LayerSpec.Dropout(0.5)),
                List.of("PyTorch counts 1,199,882 parameters for this network on 28x28x1 with 10 classes.")));
        add(all, new StackArchitecture("mnist-net-bn", "mnist-net with batch normalization (sheet 1 Q1.4)",
                List.of(conv(32, LayerSpec.Padding.VALID, Nonlinearity.NONE),
                        new LayerSpec.BatchNorm(Nonlinearity.RELU),
                        conv(64, LayerSpec.Padding.VALID, Nonlinearity.NONE),
                        new LayerSpec.BatchNorm(Nonlinearity.RELU),
                        new LayerSpec.Pool(2),
                        new LayerSpec.Dropout(0.25),
                        new LayerSpec.Dense(128, Nonlinearity.NONE),
                        new LayerSpec.BatchNorm(Nonlinearity.RELU),
                        new LayerSpec.Dropout(0.5)),
                List.of("Batch normalization sits after each convolution and after the 128-unit dense layer, "
                        + "between the layer and its ReLU as in Ioffe and Szegedy (2015); the placement does not "
                        + "change the counts: 448 more trainable values than mnist-net, and 448 running "
                        + "statistics.")));
        add(all, new StackArchitecture("encoder", "Convolutional encoder of sheet 2 §1.2a", encoderLayers(false),
                List.of("Each block is the sheet's [conv 32 3x3, ReLU, conv 32 3x3, max-pool 2x2]; resnet has the "
                        + "same blocks with the bypass added, so the two differ in nothing else. The first "
                        + "convolution and the dense layers are followed by ReLU. Weights start Xavier-uniform.")));
        add(all, new StackArchitecture("resnet", "encoder with residual blocks (sheet 2 §1.2b)", encoderLayers(true),
                List.of("A DL4J ComputationGraph: each of encoder's blocks becomes x + conv(relu(conv(x))) and then "
                        + "the pooling, so resnet has exactly encoder's parameters.")));
        add(all, new Vgg16Architecture());
        return Collections.unmodifiableMap(all);
    }

    private static void add(Map<String, Architecture> all, Architecture architecture) {
        all.put(architecture.name(), architecture);
    }

    private static List<LayerSpec> encoderLayers(boolean residual) {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(conv(32, LayerSpec.Padding.SAME, Nonlinearity.RELU));
        for (int block = 0; block < 3; block++) {
            if (residual) {
                layers.add(new LayerSpec.Residual(3, Nonlinearity.NONE));
            } else {
                layers.add(conv(32, LayerSpec.Padding.SAME, Nonlinearity.RELU));
                layers.add(conv(32, LayerSpec.Padding.SAME, Nonlinearity.NONE));
            }
            layers.add(new LayerSpec.Pool(2));
        }
        layers.add(new LayerSpec.Dense(144, Nonlinearity.RELU));
        layers.add(new LayerSpec.Dense(72, Nonlinearity.RELU));
        return layers;
    }

    private static LayerSpec.Conv conv(int filters, LayerSpec.Padding padding, Nonlinearity activation) {
        return new LayerSpec.Conv(filters, 3, padding, activation);
    }
}
