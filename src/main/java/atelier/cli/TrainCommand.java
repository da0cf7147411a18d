package atelier.cli;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelView;
import atelier.train.CatalogModelFactory;
import atelier.train.EpochMetrics;
import atelier.train.RunRecord;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingEngine;
import atelier.train.TrainingListener;
import atelier.train.TrainingService;
import atelier.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atelier train}: one run, with a line per epoch on stderr and the run's summary as JSON on stdout. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an architecture on a dataset (with its label journal applied) and record the run.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "fashion|mnist|PATH", description = "required unless --resume")
    String dataset;

    @Option(names = "--arch", description = "architecture (see: atelier params --help); required unless --resume")
    String architecture;

    @Option(names = "--epochs", description = "required unless --resume")
    Integer epochs;

    @Option(names = "--resume", paramLabel = "RUN",
            description = "continue an interrupted, cancelled or failed run (its folder, folder name or name) from "
                    + "its last checkpoint, with its own settings; the other options are then not used")
    String resume;

    @Option(names = "--limit-train", defaultValue = "0", description = "train on this many images (0 = all)")
    int limitTrain;

    @Option(names = "--batch", defaultValue = "64")
    int batch;

    @Option(names = "--optimizer", defaultValue = "adadelta", description = "adadelta, sgd or adam")
    String optimizer;

    @Option(names = "--lr", defaultValue = "1.0", description = "initial learning rate")
    double learningRate;

    @Option(names = "--gamma", defaultValue = "0.7", description = "learning-rate factor after each epoch (step)")
    double gamma;

    @Option(names = "--schedule", defaultValue = "step", paramLabel = "step|cosine|onecycle",
            description = "how the learning rate moves: step (times --gamma after each epoch, PyTorch's StepLR), "
                    + "cosine (to 0 over the run, per batch: CosineAnnealingLR), onecycle (up to --lr over the first "
                    + "30%% of the steps, then down: OneCycleLR's learning rate)")
    String schedule;

    @Option(names = "--momentum", defaultValue = "0.9", description = "momentum of sgd")
    double momentum;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--init", defaultValue = "xavier", description = "xavier, he, or checkpoint:PATH")
    String init;

    @Option(names = "--freeze-all-but-last", description = "train only the last layer")
    boolean freezeAllButLast;

    @Option(names = "--resize", defaultValue = "auto", description = "auto, none, 32 or 224 (VGG16's input size)")
    String resize;

    @Option(names = "--layers", description = "layer list of --arch custom, as `params` prints it")
    String layers;

    @Option(names = "--augment", defaultValue = "none", paramLabel = "SPEC",
            description = "augmentation of training batches, e.g. flip:0.5,crop:4 (see: atelier augment list)")
    String augmentation;

    @Option(names = "--engine", defaultValue = "fast", paramLabel = "fast|dl4j",
            description = "fast: Atelier's engine (default); dl4j: DL4J's own networks, for comparison")
    String engine;

    @Option(names = "--name", description = "run name (default: architecture and dataset)")
    String name;

    @Option(names = "--workspace", description = "workspace folder (default ~/atelier-workspace)")
    Path workspace;

    @Option(names = "--json", description = "print the run's summary as one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        TrainingEngine chosenEngine = TrainingEngine.parse(engine);
        Workspace space = workspace != null ? new Workspace(workspace) : Workspace.defaultWorkspace();
        RunStore store = new RunStore(space.runs());
        Path resumed = resume != null ? store.resolve(resume) : null;
        RunSpec runSpec = resumed != null ? RunStore.read(resumed).spec() : newSpec();
        Dataset loaded = DatasetLoader.load(runSpec.dataset(), new StderrProgress(err));
        LabelView view = new LabelView(loaded, space.openJournal(loaded));
        RunRecord record;
        try (TrainingService service = new TrainingService(store, new CatalogModelFactory(err::println, chosenEngine))) {
            var job = resumed != null ? service.resume(resumed, view, new EpochLines(err))
                    : service.submit(runSpec, view, new EpochLines(err));
            record = job.result().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        if (json) {
            spec.commandLine().getOut().println(Json.write(summary(space, record)));
        }
        if (record.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("run " + record.id() + " " + record.status().name().toLowerCase()
                    + (record.message() != null ? ": " + record.message() : ""));
        }
        return 0;
    }

    private RunSpec newSpec() {
        for (var required : List.of(new Object[] {"--dataset", dataset}, new Object[] {"--arch", architecture},
                new Object[] {"--epochs", epochs})) {
            if (required[1] == null) {
                throw new IllegalArgumentException(required[0] + " is required (or --resume RUN)");
            }
        }
        RunSpec made = new RunSpec(name, dataset, architecture, init, freezeAllButLast, optimizer, learningRate, gamma,
                momentum, batch, epochs, limitTrain, augmentation, seed, resize, layers, schedule);
        if (made.learningRateSchedule() != atelier.train.LearningRateSchedule.STEP
                && spec.commandLine().getParseResult().hasMatchedOption("--gamma")) {
            spec.commandLine().getErr().println("note: --gamma " + gamma + " is not used: it belongs to the step "
                    + "schedule, and this run's is " + made.schedule());
        }
        return made;
    }

    static Map<String, Object> summary(Workspace space, RunRecord record) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run", space.runs().resolve(record.id()).toAbsolutePath().toString());
        summary.put("status", record.status().name().toLowerCase());
        summary.put("bestEpoch", record.bestEpoch());
        summary.put("bestTestAccuracy", record.bestTestAccuracy());
        List<Map<String, Object>> epochs = record.epochs().stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e.epoch());
            row.put("trainLoss", e.trainLoss());
            row.put("trainAccuracy", e.trainAccuracy());
            row.put("testLoss", e.testLoss());
            row.put("testAccuracy", e.testAccuracy());
            row.put("seconds", e.seconds());
            row.put("imagesPerSecond", e.imagesPerSecond());
            return row;
        }).toList();
        summary.put("epochs", epochs);
        return summary;
    }

    /** A line per epoch, and a progress line at most every ten seconds, on stderr. */
    private static final class EpochLines implements TrainingListener {
        private final PrintWriter err;
        private long lastLine = System.nanoTime();

        EpochLines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void started(Path runFolder, RunRecord record) {
            err.println((record.epochs().isEmpty() ? "run " : "resuming after epoch " + record.epochs().size() + ": ")
                    + runFolder);
            err.flush();
        }

        @Override
        public void iteration(IterationProgress p) {
            long now = System.nanoTime();
            if (now - lastLine > 10_000_000_000L) {
                lastLine = now;
                err.printf("  epoch %d/%d batch %d/%d loss %.4f, %.0f images/s, %.0f s left%n", p.epoch(), p.epochs(),
                        p.batch(), p.batchesPerEpoch(), p.loss(), p.imagesPerSecond(), p.secondsLeft());
                err.flush();
            }
        }

        @Override
        public void epochFinished(EpochMetrics m, RunRecord record) {
            err.printf("epoch %d: train loss %.4f acc %.2f%% · test loss %.4f acc %.2f%% · %.1f s, %.0f images/s%s%n",
                    m.epoch(), m.trainLoss(), 100 * m.trainAccuracy(), m.testLoss(), 100 * m.testAccuracy(),
                    m.seconds(), m.imagesPerSecond(), record.bestEpoch() == m.epoch() ? " · best so far" : "");
            err.flush();
        }
    }
}
