package atelier.cli;

import atelier.augment.AugmentationPipeline;
import atelier.augment.AugmentationPreview;
import atelier.augment.Parameter;
import atelier.augment.PixelScale;
import atelier.augment.PreviewFigure;
import atelier.augment.TransformKind;
import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atelier augment ...}: the augmentation pipeline's transforms, and its preview figures as PNG. */
@Command(name = "augment", mixinStandardHelpOptions = true,
        description = "Augmentation: list the transforms, or draw a pipeline's effect on a training image.",
        subcommands = {AugmentCommand.Preview.class, AugmentCommand.ListTransforms.class})
public final class AugmentCommand {
    private AugmentCommand() {
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Writes a PNG of a training image under the pipeline: a grid of "
                    + AugmentationPreview.GRID_DRAWS + " draws of the whole pipeline, or (--per-transform) the "
                    + "image and each transform's effect alone.")
    static final class Preview implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "fashion|mnist|PATH")
        String dataset;

        @Option(names = "--index", paramLabel = "I", description = "training image (default: one chosen by the seed)")
        Integer index;

        @Option(names = "--augment", required = true, paramLabel = "SPEC",
                description = "the pipeline, e.g. flip:0.5,crop:4,rotate:10,erase:0.5 (see: augment list)")
        String augmentation;

        @Option(names = "--out", required = true, paramLabel = "FILE.png")
        Path out;

        @Option(names = "--per-transform", description = "each transform alone instead of the grid")
        boolean perTransform;

        @Option(names = "--draws", defaultValue = "8", description = "draws per transform with --per-transform "
                + "(default: ${DEFAULT-VALUE})")
        int draws;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--zoom", defaultValue = "3", description = "pixels per image pixel (default: ${DEFAULT-VALUE})")
        int zoom;

        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        @Override
        public Integer call() {
            AugmentationPipeline pipeline;
            try {
                pipeline = AugmentationPipeline.parse(augmentation);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--augment: " + e.getMessage(), e);
            }
            if (draws < 1 || draws > 32 || zoom < 1 || zoom > 16) {
                throw new IllegalArgumentException("--draws must be 1..32 and --zoom 1..16, not " + draws + " and " + zoom);
            }
            Dataset loaded = DatasetLoader.load(dataset, new StderrProgress(spec.commandLine().getErr()));
            int image = index != null ? index : new Random(seed).nextInt(loaded.train().size());
            PixelScale scale = AugmentationPreview.scaleOf(loaded.train());
            AugmentationPreview preview = AugmentationPreview.of(loaded.train(), image, scale);
            List<AugmentationPreview.Row> rows = perTransform ? preview.perTransform(pipeline, draws, seed)
                    : preview.grid(pipeline, 8, seed);
            var figure = PreviewFigure.render(rows, preview.shape(), scale, zoom);
            PreviewFigure.writePng(figure, out);
            PrintWriter stdout = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("out", out.toAbsolutePath().toString());
                doc.put("dataset", loaded.name());
                doc.put("index", image);
                doc.put("label", loaded.className(loaded.train().label(image)));
                doc.put("augment", pipeline.text());
                doc.put("figure", perTransform ? "per-transform" : "grid");
                doc.put("seed", seed);
                doc.put("width", figure.getWidth());
                doc.put("height", figure.getHeight());
                stdout.println(Json.write(doc));
            } else {
                stdout.printf("%s: training image %d (%s) of %s under %s, %dx%d%n", out, image,
                        loaded.className(loaded.train().label(image)), loaded.name(), pipeline.text(),
                        figure.getWidth(), figure.getHeight());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The transforms, their parameters with accepted ranges and defaults.")
    static final class ListTransforms implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Map<String, Object>> transforms = new ArrayList<>();
            for (TransformKind kind : TransformKind.values()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", kind.key());
                row.put("description", kind.description());
                List<Map<String, Object>> parameters = new ArrayList<>();
                for (Parameter p : kind.parameters()) {
                    Map<String, Object> parameter = new LinkedHashMap<>();
                    parameter.put("name", p.name());
                    parameter.put("description", p.description());
                    parameter.put("accepts", p.range());
                    parameter.put("default", p.format(p.defaultValue()));
                    parameters.add(parameter);
                }
                row.put("parameters", parameters);
                transforms.add(row);
            }
            if (json) {
                out.println(Json.write(Map.of("transforms", transforms)));
                return 0;
            }
            out.println("A pipeline is transforms joined by commas, each name[:main][:key=value...], e.g. "
                    + "flip:0.5,crop:4,rotate:10,erase:0.5");
            for (TransformKind kind : TransformKind.values()) {
                out.printf("%n%s: %s%n", kind.key(), kind.description());
                for (Parameter p : kind.parameters()) {
                    out.printf("  %-10s %s; %s, default %s%n", p.name(), p.description(), p.range(),
                            p.format(p.defaultValue()));
                }
            }
            return 0;
        }
    }
}
