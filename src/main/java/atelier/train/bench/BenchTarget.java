package atelier.train.bench;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.model.ArchitectureCatalog;
import atelier.model.Resize;
import atelier.nd4j.Nd4jSetup;
import atelier.train.TrainingEngine;
import java.util.List;
import atelier.task.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What every bench command measures on: the architecture and recipe, the engine, the dataset and the thread count
 * (a picocli mixin).
 */
final class BenchTarget {
    @Option(names = "--arch", required = true, paramLabel = "NAME",
            description = "a catalogue architecture: mnist-net, mnist-net-bn, encoder, resnet, vgg16")
    String arch;

    @Option(names = "--optimizer", defaultValue = "adadelta", paramLabel = "adadelta|sgd|adam",
            description = "optimizer of the recipe (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--freeze-all-but-last", description = "train only the output layer (finetuning)")
    boolean freezeAllButLast;

    @Option(names = "--resize", defaultValue = "auto", paramLabel = "auto|none|32|224",
            description = "image resize for the network (default: ${DEFAULT-VALUE}; vgg16 takes 28x28 data at 32)")
    String resize;

    @Option(names = "--engine", paramLabel = "fast|dl4j", defaultValue = "fast",
            description = "fast: Atelier's engine on ND4J ops (default); dl4j: DL4J's networks, for comparison")
    String engine;

    @Option(names = "--dataset", required = true, paramLabel = "mnist|fashion|PATH",
            description = "dataset of 28x28 grayscale images with 10 classes")
    String dataset;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads for ND4J, OpenMP and BLAS (default: the available cores)")
    Integer threads;

    int threadCount() {
        return threads == null ? Nd4jSetup.defaultThreads() : threads;
    }

    /** Checks the options, configures ND4J (before anything touches it) and loads the dataset. */
    Dataset prepare(CommandSpec spec) {
        if (!ArchitectureCatalog.names().contains(arch) || ArchitectureCatalog.CUSTOM.equals(arch)) {
            throw new ParameterException(spec.commandLine(), "unknown architecture '" + arch + "' (the bench knows: "
                    + String.join(", ", ArchitectureCatalog.names().stream()
                    .filter(name -> !ArchitectureCatalog.CUSTOM.equals(name)).toList()) + ")");
        }
        recipe(spec);
        if (threadCount() < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        Nd4jSetup.configure(threadCount());
        Dataset data = DatasetLoader.load(dataset, Progress.NONE);
        return data;
    }

    /** The recipe the options describe; a wrong optimizer, resize or engine is a usage error. */
    TrainBench.Recipe recipe(CommandSpec spec) {
        try {
            TrainingEngine chosen = TrainingEngine.parse("fused".equals(engine) ? "fast" : engine);
            String name = optimizer.toLowerCase(java.util.Locale.ROOT);
            if (!List.of("adadelta", "sgd", "adam").contains(name)) {
                throw new IllegalArgumentException("unknown optimizer '" + optimizer + "' (adadelta, sgd or adam)");
            }
            Resize.parse(resize);
            return new TrainBench.Recipe(arch, name, freezeAllButLast, resize, chosen);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
