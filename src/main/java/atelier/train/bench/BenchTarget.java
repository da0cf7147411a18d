package atelier.train.bench;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.nd4j.Nd4jSetup;
import atelier.task.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What every bench command measures on: the architecture, the dataset and the thread count (a picocli mixin). */
final class BenchTarget {
    static final String MNIST_NET = "mnist-net";

    @Option(names = "--arch", required = true, paramLabel = "NAME", description = "architecture: mnist-net")
    String arch;

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
        if (!MNIST_NET.equals(arch)) {
            throw new ParameterException(spec.commandLine(),
                    "unknown architecture '" + arch + "' (the bench knows: " + MNIST_NET + ")");
        }
        if (threadCount() < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        Nd4jSetup.configure(threadCount());
        Dataset data = DatasetLoader.load(dataset, Progress.NONE);
        if (data.height() != 28 || data.width() != 28 || data.classCount() != 10) {
            throw new IllegalArgumentException(MNIST_NET + " needs 28x28 images in 10 classes; " + data.name()
                    + " has " + data.height() + "x" + data.width() + " in " + data.classCount());
        }
        return data;
    }
}
