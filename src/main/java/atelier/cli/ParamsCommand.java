package atelier.cli;

import atelier.model.Architecture;
import atelier.model.ArchitectureCatalog;
import atelier.model.BuiltModel;
import atelier.model.InputShape;
import atelier.model.LayerRow;
import atelier.model.LayerSpecText;
import atelier.model.ModelException;
import atelier.model.ModelOptions;
import atelier.model.ParameterTable;
import atelier.model.Resize;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atelier params}: the per-layer parameter table of an architecture, read from the built DL4J network. */
@Command(name = "params", mixinStandardHelpOptions = true,
        description = "Per-layer output shapes and parameter counts of an architecture for an input size.")
public final class ParamsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", required = true, paramLabel = "NAME",
            description = "mnist-net, mnist-net-bn, encoder, resnet, vgg16 or custom")
    String arch;

    @Option(names = "--input", defaultValue = "28x28x1", paramLabel = "HxWxC",
            description = "image size as height x width x channels (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--classes", defaultValue = "10", description = "number of classes (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--resize", defaultValue = "auto", paramLabel = "auto|none|32|224",
            description = "resize images on their way in; auto: 28x28 to 32x32 for vgg16, otherwise none "
                    + "(default: ${DEFAULT-VALUE})")
    String resize;

    @Option(names = "--layers", paramLabel = "LIST",
            description = "for --arch custom: layers separated by ';', e.g. \"conv 32 3x3 same relu; pool 2x2; "
                    + "dense 128 relu\" (default: mnist-net's layers)")
    String layers;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() {
        InputShape shape = InputShape.parse(input);
        ModelOptions options = ModelOptions.defaults().withResize(Resize.parse(resize));
        Architecture architecture = architecture();
        architecture.refusal(shape, classes, options).ifPresent(reason -> {
            throw new ModelException(reason);
        });
        BuiltModel model = architecture.build(shape, classes, options);
        ParameterTable table = ParameterTable.of(model);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(document(shape, table)));
        } else {
            printTable(out, architecture, model, table, architecture.notes(shape, classes, options));
        }
        return 0;
    }

    private Architecture architecture() {
        if (layers != null) {
            if (!ArchitectureCatalog.CUSTOM.equals(arch)) {
                throw new IllegalArgumentException("--layers goes with --arch custom, not with --arch " + arch);
            }
            return ArchitectureCatalog.custom(LayerSpecText.parse(layers));
        }
        return ArchitectureCatalog.named(arch);
    }

    private Map<String, Object> document(InputShape shape, ParameterTable table) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("arch", arch);
        document.put("input", shape.asList());
        document.put("classes", classes);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LayerRow row : table.rows()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", row.name());
            layer.put("type", row.type());
            layer.put("outputShape", row.outputShape());
            layer.put("trainable", row.trainable());
            layer.put("nonTrainable", row.nonTrainable());
            layer.put("frozen", row.frozen());
            rows.add(layer);
        }
        document.put("layers", rows);
        document.put("trainable", table.trainable());
        document.put("nonTrainable", table.nonTrainable());
        return document;
    }

    private void printTable(PrintWriter out, Architecture architecture, BuiltModel model, ParameterTable table,
                            List<String> notes) {
        out.printf("%s: %s%n", architecture.name(), architecture.title());
        out.printf("input %s (network sees %s), %d classes, %s%n%n", model.input().text(),
                model.networkInput().text(), classes, model.isGraph() ? "ComputationGraph" : "MultiLayerNetwork");
        int nameWidth = Math.max(5, table.rows().stream().mapToInt(row -> row.name().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %-10s  %-13s  %12s  %13s  %-6s  %s%n";
        out.printf(format, "layer", "type", "output shape", "trainable", "non-trainable", "frozen", "settings");
        for (LayerRow row : table.rows()) {
            out.printf(format, row.name(), row.type(), row.outputShape().toString().replace(" ", ""),
                    String.format("%,d", row.trainable()), String.format("%,d", row.nonTrainable()),
                    row.frozen() ? "yes" : "", row.detail());
        }
        out.printf(format, "total", "", "", String.format("%,d", table.trainable()),
                String.format("%,d", table.nonTrainable()), "", "");
        out.println();
        for (String note : notes) {
            out.println("- " + note);
        }
    }
}
