package atelier.cli;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.nd4j.Nd4jSetup;
import atelier.search.ParetoFront;
import atelier.search.SearchListener;
import atelier.search.SearchReport;
import atelier.search.SearchRunner;
import atelier.search.SearchSettings;
import atelier.search.SearchSpace;
import atelier.search.SearchState;
import atelier.search.SearchStore;
import atelier.search.Trial;
import atelier.train.CatalogModelFactory;
import atelier.train.RunStore;
import atelier.train.TrainingListener;
import atelier.train.TrainingService;
import atelier.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code atelier search}: an architecture search under a wall-clock budget, or {@code --resume} of one that was
 * stopped or killed. Every trial is a run in the workspace; the state is in {@code searches/<name>/}.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search encoder architectures within a time budget (asynchronous successive halving), then "
                + "retrain the best of the Pareto set on the whole training set and test them.")
public final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "fashion|mnist|PATH")
    String dataset;

    @Option(names = "--budget-minutes", description = "wall-clock minutes of trials (the final retraining comes on "
            + "top, announced at the start)")
    Double budgetMinutes;

    @Option(names = "--space", description = "search space JSON file (see --print-space for the default)")
    Path space;

    @Option(names = "--print-space", description = "print the default search space as JSON and stop")
    boolean printSpace;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--name", description = "the search's name (default: dataset and time)")
    String name;

    @Option(names = "--resume", paramLabel = "NAME", description = "continue the search of that name")
    String resume;

    @Option(names = "--limit-train", defaultValue = "0", description = "use this many training images (0 = all)")
    int limitTrain;

    @Option(names = "--validation", defaultValue = "5000",
            description = "training images held out to score trials (at most a fifth)")
    int validation;

    @Option(names = "--eta", defaultValue = "3", description = "reduction factor of successive halving")
    int eta;

    @Option(names = "--rung-images", defaultValue = "4000", description = "images a trial sees before rung 0")
    long rungImages;

    @Option(names = "--rungs", defaultValue = "4", description = "number of rungs")
    int rungs;

    @Option(names = "--max-trials", defaultValue = "0", description = "start at most this many trials (0 = no limit)")
    int maxTrials;

    @Option(names = "--final-models", defaultValue = "3", description = "Pareto members retrained and tested")
    int finalModels;

    @Option(names = "--final-epochs", defaultValue = "2", description = "epochs of the final retraining")
    int finalEpochs;

    @Option(names = "--batch", defaultValue = "64")
    int batch;

    @Option(names = "--workers", description = "trials trained at once, each with the cores divided among them "
            + "(default: 2 where there are 2 cores or more)")
    Integer workers;

    @Option(names = "--workspace", description = "workspace folder (default ~/atelier-workspace)")
    Path workspace;

    @Option(names = "--json", description = "print the trials and the Pareto set as one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (printSpace) {
            spec.commandLine().getOut().println(SearchSpace.defaults().toJson());
            return 0;
        }
        Workspace space = workspace != null ? new Workspace(workspace) : Workspace.defaultWorkspace();
        SearchStore store = SearchStore.of(space);
        String searchName;
        SearchState state;
        LabelView view;
        if (resume != null) {
            searchName = resume;
            state = store.load(resume);
            view = open(state.settings().dataset(), space, err);
            err.printf("resuming search %s: %s, %d trials so far, %.1f of %s min spent%n", resume,
                    state.phase().name().toLowerCase(), state.trials().size(), state.spentSeconds() / 60,
                    state.settings().budgetMinutes());
        } else {
            SearchSettings settings = settings();
            searchName = name != null ? name : defaultName(settings.dataset());
            SearchStore.checkName(searchName);
            view = open(settings.dataset(), space, err);
            state = SearchRunner.create(store, searchName, settings, view);
            err.printf("search %s: state in %s; resume with: search --resume %s%s%n", searchName,
                    store.folder(searchName), searchName, workspace != null ? " --workspace " + workspace : "");
        }
        int slots = state.settings().workers();
        Nd4jSetup.configure(TrainingService.threadsPerSlot(slots));
        try (TrainingService service = new TrainingService(new RunStore(space.runs()),
                new CatalogModelFactory(line -> { }), slots)) {
            SearchRunner runner = new SearchRunner(service, store, view, searchName, new Lines(err));
            Thread hook = new Thread(runner::stop, "atelier-search-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            state = runner.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook has run and the state is saved
            }
        }
        summarize(state, err);
        if (json) {
            spec.commandLine().getOut().println(Json.write(SearchReport.of(state)));
        }
        if (state.phase() != SearchState.Phase.DONE) {
            throw new IllegalStateException("search " + searchName + " stopped before its end; continue it with "
                    + "search --resume " + searchName);
        }
        return 0;
    }

    private SearchSettings settings() {
        if (dataset == null || budgetMinutes == null) {
            throw new IllegalArgumentException("give --dataset and --budget-minutes (or --resume NAME)");
        }
        SearchSpace searchSpace = space != null ? SearchSpace.read(space) : SearchSpace.defaults();
        return new SearchSettings(dataset, budgetMinutes, seed, searchSpace, eta, rungImages, rungs - 1, validation,
                limitTrain, batch, maxTrials, finalModels, finalEpochs,
                workers != null ? workers : Math.min(2, Nd4jSetup.defaultThreads()));
    }

    private static LabelView open(String dataset, Workspace space, PrintWriter err) {
        Dataset loaded = DatasetLoader.load(dataset, new StderrProgress(err));
        return new LabelView(loaded, space.openJournal(loaded));
    }

    private static String defaultName(String dataset) {
        String stem = Path.of(dataset).getFileName().toString().replaceAll("[^A-Za-z0-9._-]+", "-");
        return stem + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    private static void summarize(SearchState state, PrintWriter err) {
        int[] perRung = state.trialsPerRung();
        StringBuilder rungs = new StringBuilder();
        for (int rung = 0; rung < perRung.length; rung++) {
            rungs.append(rung == 0 ? "" : ", ").append("rung ").append(rung).append(": ").append(perRung[rung]);
        }
        err.printf("%d trials (%s), %d designs skipped; %.1f min of search, %.1f min of final retraining%n",
                state.trials().size(), rungs, state.skipped().size(), state.spentSeconds() / 60,
                state.finalSeconds() / 60);
        err.println("Pareto set (parameters, validation accuracy, test accuracy after the final retraining):");
        for (Trial trial : ParetoFront.of(state.trials())) {
            var finalist = state.finalists().stream().filter(f -> f.trial() == trial.id()).findFirst();
            err.printf("  trial %3d %,10d  %6.2f%%  %s  %s%n", trial.id(), trial.parameters(),
                    100 * trial.validationAccuracy(), finalist.filter(f -> f.done())
                            .map(f -> String.format("%6.2f%%", 100 * f.testAccuracy())).orElse("     - "),
                    trial.point().summary());
        }
        err.flush();
    }

    /** The search's notes on stderr, and a progress line at most every 15 seconds. */
    private static final class Lines implements SearchListener {
        private final PrintWriter err;
        private long lastLine = System.nanoTime();

        Lines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void note(String line) {
            err.println(line);
            err.flush();
        }

        @Override
        public void progress(int trial, int rung, TrainingListener.IterationProgress p) {
            long now = System.nanoTime();
            if (now - lastLine > 15_000_000_000L) {
                lastLine = now;
                err.printf("  %s batch %d/%d, loss %.3f, %.0f images/s%n", trial == SearchRunner.FINAL
                        ? "final trial " + rung + " epoch " + p.epoch() + "/" + p.epochs() : "trial " + trial
                        + " rung " + rung, p.batch(), p.batchesPerEpoch(), p.loss(), p.imagesPerSecond());
                err.flush();
            }
        }
    }
}
