package atelier.train.bench;

import atelier.data.Dataset;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code atelier bench train|infer}: images per second of training or inference, without JVM start or loading. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure training and inference throughput (images per second).",
        subcommands = {BenchCommand.Train.class, BenchCommand.Infer.class, BenchCommand.Epoch.class})
public final class BenchCommand {
    private BenchCommand() {
    }

    /** Options that training and inference benches share. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BenchTarget target;

        @Option(names = "--engine", paramLabel = "fused|dl4j", defaultValue = "fused",
                description = "fused: Atelier's hand-built step on ND4J ops (default); "
                        + "dl4j: DL4J's MultiLayerNetwork with oneDNN helpers, for comparison")
        String engine;

        @Option(names = "--seed", defaultValue = "1", description = "seed of weights, dropout and batch order")
        long seed;

        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        abstract TrainBench.Result run(Dataset data, TrainBench.Engine engine, int threads);

        abstract String what();

        @Override
        public Integer call() {
            TrainBench.Engine chosen;
            try {
                chosen = TrainBench.Engine.valueOf(engine.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "unknown engine '" + engine + "' (fused or dl4j)");
            }
            Dataset data = target.prepare(spec);
            int count = target.threadCount();
            TrainBench.Result result = run(data, chosen, count);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(result));
            } else {
                out.printf(Locale.ROOT, "%s %s: %.1f images/s (batch %d, %d batches, %d threads, %s engine)%n",
                        what(), target.arch, result.imagesPerSecond(), result.batch(), result.batches(), result.threads(),
                        chosen.name().toLowerCase(Locale.ROOT));
            }
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Training images per second after " + TrainBench.WARMUP + " warm-up batches.")
    static final class Train extends Base {
        @Option(names = "--batch", defaultValue = "64", description = "mini-batch size (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--batches", defaultValue = "200", description = "timed batches (default: ${DEFAULT-VALUE})")
        int batches;

        @Option(names = "--augment", defaultValue = "none", paramLabel = "SPEC",
                description = "augment the batches as a run does, e.g. flip:0.5,crop:4 (default: none)")
        String augmentation;

        @Override
        TrainBench.Result run(Dataset data, TrainBench.Engine engine, int threads) {
            checkPositive(batch, batches);
            return TrainBench.train(data, engine, batch, batches, threads, seed,
                    atelier.augment.AugmentationPipeline.parse(augmentation));
        }

        @Override
        String what() {
            return "train";
        }

        private void checkPositive(int b, int n) {
            if (b < 1 || n < 1) {
                throw new ParameterException(spec.commandLine(), "--batch and --batches must be at least 1");
            }
        }
    }

    @Command(name = "infer", mixinStandardHelpOptions = true,
            description = "Inference images per second on test-set batches, after 3 warm-up batches.")
    static final class Infer extends Base {
        @Option(names = "--batch", defaultValue = "1000", description = "batch size (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--batches", defaultValue = "20", description = "timed batches (default: ${DEFAULT-VALUE})")
        int batches;

        @Override
        TrainBench.Result run(Dataset data, TrainBench.Engine engine, int threads) {
            if (batch < 1 || batches < 1) {
                throw new ParameterException(spec.commandLine(), "--batch and --batches must be at least 1");
            }
            return TrainBench.infer(data, engine, batch, batches, threads, seed);
        }

        @Override
        String what() {
            return "infer";
        }
    }

    @Command(name = "epoch", mixinStandardHelpOptions = true,
            description = "Numerical sanity of the fused engine: trains whole epochs of the training set "
                    + "(shuffled, dropout on) and reports test loss and accuracy. Not a throughput benchmark.")
    static final class Epoch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BenchTarget target;

        @Option(names = "--epochs", defaultValue = "1", description = "epochs (default: ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--batch", defaultValue = "64", description = "mini-batch size (default: ${DEFAULT-VALUE})")
        int batch;


        @Option(names = "--seed", defaultValue = "1", description = "seed of weights, dropout and batch order")
        long seed;

        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        @Override
        public Integer call() {
            if (epochs < 1 || batch < 1) {
                throw new ParameterException(spec.commandLine(), "--epochs and --batch must be at least 1");
            }
            Dataset data = target.prepare(spec);
            int count = target.threadCount();
            PrintWriter err = spec.commandLine().getErr();
            TrainBench.EpochResult result = TrainBench.epochs(data, epochs, batch, seed, (epoch, r) ->
                    err.printf(Locale.ROOT, "epoch %d: train loss %.4f, test loss %.4f, test accuracy %.2f%%, "
                                    + "%.1f s, %.0f images/s%n", epoch, r.trainLoss(), r.testLoss(),
                            100 * r.testAccuracy(), r.seconds(), r.imagesPerSecond()));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("epochs", epochs);
                doc.put("batch", batch);
                doc.put("threads", count);
                doc.put("trainLoss", result.trainLoss());
                doc.put("testLoss", result.testLoss());
                doc.put("testAccuracy", result.testAccuracy());
                doc.put("seconds", result.seconds());
                doc.put("imagesPerSecond", result.imagesPerSecond());
                out.println(write(doc));
            } else {
                out.printf(Locale.ROOT, "%s on %s, %d epoch(s): test accuracy %.2f%%, test loss %.4f%n", target.arch,
                        data.name(), epochs, 100 * result.testAccuracy(), result.testLoss());
            }
            return 0;
        }
    }

    static String toJson(TrainBench.Result result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("imagesPerSecond", Math.round(result.imagesPerSecond() * 10) / 10.0);
        doc.put("batch", result.batch());
        doc.put("batches", result.batches());
        doc.put("threads", result.threads());
        return write(doc);
    }

    private static String write(Map<String, Object> doc) {
        try {
            return new ObjectMapper().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
