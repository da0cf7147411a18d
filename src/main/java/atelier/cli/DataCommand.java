package atelier.cli;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LoadProblem;
import atelier.data.MislabelGenerator;
import atelier.data.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code atelier data ...}: look at datasets and make new ones. */
@Command(name = "data", description = "Inspect datasets and generate derived ones.",
        subcommands = {DataCommand.Info.class, DataCommand.Mislabel.class})
public final class DataCommand {

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Classes, image size, counts per class and load problems of a dataset.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "fashion|mnist|PATH",
                description = "fashion, mnist, or a folder with IDX files or training/ and testing/ images")
        String dataset;

        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        @Override
        public Integer call() {
            Dataset loaded = DatasetLoader.load(dataset, new StderrProgress(spec.commandLine().getErr()));
            Map<String, Object> info = describe(loaded);
            if (json) {
                spec.commandLine().getOut().println(Json.write(info));
            } else {
                var out = spec.commandLine().getOut();
                out.printf("%s (%s)%n", loaded.name(), loaded.source());
                out.printf("images: %dx%dx%d, %d classes%n", loaded.height(), loaded.width(), loaded.channels(),
                        loaded.classCount());
                for (Split split : Split.values()) {
                    int[] counts = loaded.split(split).countPerClass(loaded.classCount());
                    out.printf("%s: %,d images%n", split.key(), loaded.split(split).size());
                    for (int c = 0; c < counts.length; c++) {
                        out.printf("  %-14s %,7d%n", loaded.className(c), counts[c]);
                    }
                }
                out.printf("problems: %d%n", loaded.problems().size());
                loaded.problems().forEach(p -> out.println("  " + p));
            }
            return 0;
        }

        static Map<String, Object> describe(Dataset dataset) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", dataset.name());
            info.put("source", dataset.source().toAbsolutePath().normalize().toString());
            info.put("classes", dataset.classes());
            info.put("height", dataset.height());
            info.put("width", dataset.width());
            info.put("channels", dataset.channels());
            for (Split split : Split.values()) {
                Map<String, Object> counts = new LinkedHashMap<>();
                counts.put("count", dataset.split(split).size());
                counts.put("perClass", dataset.split(split).countPerClass(dataset.classCount()));
                info.put(split.key(), counts);
            }
            List<Map<String, String>> problems = new ArrayList<>();
            for (LoadProblem problem : dataset.problems()) {
                problems.add(Map.of("file", problem.file(), "reason", problem.reason()));
            }
            info.put("problems", problems);
            return info;
        }
    }

    @Command(name = "mislabel", mixinStandardHelpOptions = true,
            description = "Write a dataset as an image folder with exactly N training labels changed to another "
                    + "class (sheet 2 §1.4). The truth goes to <out>.truth.csv beside the folder.")
    static final class Mislabel implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--flips", required = true, description = "how many training labels to change")
        int flips;

        @Option(names = "--seed", defaultValue = "7", description = "chooses the images and their wrong labels")
        long seed;

        @Option(names = "--out", required = true, description = "new folder to write, e.g. data/mnist_png_mislabelled")
        Path out;

        @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "fashion|mnist|PATH",
                description = "the dataset to copy (default: mnist)")
        String dataset;

        @Override
        public Integer call() {
            var err = spec.commandLine().getErr();
            Dataset source = DatasetLoader.load(dataset, new StderrProgress(err));
            MislabelGenerator.Plan plan = MislabelGenerator.generate(source, flips, seed, out, new StderrProgress(err));
            err.printf("wrote %s: %,d training and %,d test images, %d training labels changed; truth in %s%n",
                    out, source.train().size(), source.test().size(), plan.flippedIndices().length,
                    MislabelGenerator.truthFile(out));
            return 0;
        }
    }
}
