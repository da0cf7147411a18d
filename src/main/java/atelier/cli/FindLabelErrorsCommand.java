package atelier.cli;

import atelier.analysis.CrossValidatedDetector;
import atelier.analysis.LossRanking;
import atelier.analysis.TruthScore;
import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelView;
import atelier.train.CatalogModelFactory;
import atelier.train.RunSpec;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code find-label-errors}: the cross-validated, confident-learning ranking of likely label errors. */
@Command(name = "find-label-errors", mixinStandardHelpOptions = true,
        description = "Rank training images by how likely their label is wrong, from k-fold out-of-sample "
                + "predictions with per-class confidence thresholds (confident learning).")
public final class FindLabelErrorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "fashion|mnist|PATH")
    String dataset;

    @Option(names = "--arch", required = true)
    String architecture;

    @Option(names = "--folds", defaultValue = "4")
    int folds;

    @Option(names = "--epochs", defaultValue = "1")
    int epochs;

    @Option(names = "--k", defaultValue = "100", description = "how many images to print")
    int k;

    @Option(names = "--batch", defaultValue = "64")
    int batch;

    @Option(names = "--lr", defaultValue = "1.0")
    double learningRate;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--limit-train", defaultValue = "0",
            description = "rank only this many training images, chosen by the seed (0 = all)")
    int limitTrain;

    @Option(names = "--workspace")
    Path workspace;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Workspace space = workspace != null ? new Workspace(workspace) : Workspace.defaultWorkspace();
        Dataset loaded = DatasetLoader.load(dataset, new StderrProgress(err));
        LabelView view = new LabelView(loaded, space.openJournal(loaded));
        RunSpec runSpec = new RunSpec("find-label-errors", dataset, architecture, "xavier", false, "adadelta",
                learningRate, 0.7, 0.9, batch, epochs, limitTrain, "none", seed);
        err.println("find-label-errors: " + CrossValidatedDetector.cost(view, runSpec, folds).describe());
        long start = System.nanoTime();
        CrossValidatedDetector.Result result = CrossValidatedDetector.run(view, runSpec, folds,
                new CatalogModelFactory(err::println), new StderrProgress(err));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<CrossValidatedDetector.Finding> top = result.ranking().subList(0, Math.min(k, result.ranking().size()));
        err.printf("%d of %,d training images flagged in %.0f s%n", result.flaggedCount(), result.ranking().size(),
                seconds);
        TruthScore.besides(loaded.source()).ifPresent(truth -> {
            List<Integer> ranked = result.ranking().stream().map(f -> f.item().index()).toList();
            var atK = truth.at(ranked, truth.flippedCount());
            var flagged = truth.of(result.ranking().stream().filter(CrossValidatedDetector.Finding::flagged)
                    .map(f -> f.item().index()).collect(java.util.stream.Collectors.toSet()));
            err.printf("against the truth file (scoring only): recall@%d %.1f%%; flagged: precision %.1f%%, "
                    + "recall %.1f%%%n", atK.k(), 100 * atK.recall(), 100 * flagged.precision(),
                    100 * flagged.recall());
        });
        if (json) {
            List<Map<String, Object>> items = top.stream().map(f -> {
                LossRanking.Item item = f.item();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", item.index());
                row.put("path", item.path());
                row.put("label", item.label());
                row.put("predicted", item.predicted());
                row.put("loss", item.loss());
                row.put("probLabel", item.probLabel());
                row.put("probPredicted", item.probPredicted());
                row.put("flagged", f.flagged());
                return row;
            }).toList();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("items", items);
            doc.put("flagged", result.flaggedCount());
            doc.put("thresholds", result.thresholds());
            doc.put("seconds", seconds);
            spec.commandLine().getOut().println(Json.write(doc));
        } else {
            var out = spec.commandLine().getOut();
            for (CrossValidatedDetector.Finding f : top) {
                LossRanking.Item item = f.item();
                out.printf("%6d %s label %-12s (p=%.3f) predicted %-12s (p=%.3f) %s%n", item.index(),
                        f.flagged() ? "FLAGGED" : "       ", loaded.className(item.label()), item.probLabel(),
                        loaded.className(item.predicted()), item.probPredicted(),
                        item.path() == null ? "" : item.path());
            }
        }
        return 0;
    }
}
