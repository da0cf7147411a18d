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

        @Option(names = "--seed", defaultValue = "1", description = "seed of weights, dropout and batch order")
        long seed;

        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        abstract TrainBench.Result run(Dataset data, TrainBench.Recipe recipe, int threads);

        abstract String what();

        @Override
        public Integer call() {
            Dataset data = target.prepare(spec);
            TrainBench.Recipe recipe = target.recipe(spec);
            int count = target.threadCount();
            TrainBench.Result result = run(data, recipe, count);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(result, recipe));
            } else {
                out.printf(Locale.ROOT, "%s %s, %s%s: %.1f images/s (batch %d, %d batches, %d threads, %s engine)%n",
                        what(), target.arch, recipe.optimizer(), recipe.freezeAllButLast() ? ", all but last frozen"
                                : "", result.imagesPerSecond(), result.batch(), result.batches(), result.threads(),
                        recipe.engine().key());
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
        TrainBench.Result run(Dataset data, TrainBench.Recipe recipe, int threads) {
            checkPositive(batch, batches);
            return TrainBench.train(data, recipe, batch, batches, threads, seed,
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
        TrainBench.Result run(Dataset data, TrainBench.Recipe recipe, int threads) {
            if (batch < 1 || batches < 1) {
                throw new ParameterException(spec.commandLine(), "--batch and --batches must be at least 1");
            }
            return TrainBench.infer(data, recipe, batch, batches, threads, seed);
        }

        @Override
        String what() {
            return "infer";
        }
    }

    @Command(name = "epoch", mixinStandardHelpOptions = true,
            description = "Numerical sanity of an engine: trains whole epochs of the training set "
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
            TrainBench.EpochResult result = TrainBench.epochs(data, target.recipe(spec), epochs, batch, seed, (epoch, r) ->
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

    static String toJson(TrainBench.Result result, TrainBench.Recipe recipe) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("arch", recipe.architecture());
        doc.put("optimizer", recipe.optimizer());
        doc.put("freezeAllButLast", recipe.freezeAllButLast());
        doc.put("resize", recipe.resize());
        doc.put("engine", recipe.engine().key());
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
