package atelier.cli;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.ConfusionMatrix;
import atelier.analysis.LossRanking;
import atelier.analysis.TruthScore;
import atelier.data.Split;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code confusion} and {@code top-losses}: what a run's best checkpoint gets wrong. */
public final class AnalysisCommands {
    private AnalysisCommands() {
    }

    @Command(name = "confusion", mixinStandardHelpOptions = true,
            description = "Confusion matrix of a run's best checkpoint, with per-class accuracy, precision, recall.")
    public static final class Confusion implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RunOptions runOptions;

        @Option(names = "--split", defaultValue = "test", description = "test or train")
        String split;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() {
            AnalyzedRun analyzed = runOptions.open(spec.commandLine().getErr());
            ConfusionMatrix matrix = analyzed.confusion(Split.parse(split));
            List<String> classes = analyzed.dataset().classes();
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("classes", classes);
                doc.put("matrix", matrix.counts());
                doc.put("perClass", matrix.perClass());
                doc.put("accuracy", matrix.accuracy());
                out.println(Json.write(doc));
                return 0;
            }
            out.printf("%-14s", "actual \\ pred");
            for (int c = 0; c < classes.size(); c++) {
                out.printf("%7d", c);
            }
            out.printf("  %8s %9s %7s%n", "accuracy", "precision", "recall");
            var scores = matrix.perClass();
            for (int a = 0; a < classes.size(); a++) {
                out.printf("%-14s", a + " " + shorten(classes.get(a)));
                for (int p = 0; p < classes.size(); p++) {
                    out.printf("%7d", matrix.count(a, p));
                }
                out.printf("  %7.2f%% %8.2f%% %6.2f%%%n", 100 * scores.get(a).accuracy(),
                        100 * scores.get(a).precision(), 100 * scores.get(a).recall());
            }
            out.printf("accuracy %.2f%%; most confused:", 100 * matrix.accuracy());
            matrix.mostConfused(5).forEach(pair -> out.printf(" %s→%s (%d)", classes.get(pair.actual()),
                    classes.get(pair.predicted()), pair.count()));
            out.println();
            return 0;
        }

        private static String shorten(String name) {
            return name.length() <= 11 ? name : name.substring(0, 11);
        }
    }

    @Command(name = "top-losses", mixinStandardHelpOptions = true,
            description = "Training images with the highest loss under a run's best checkpoint, highest first.")
    public static final class TopLosses implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RunOptions runOptions;

        @Option(names = "--k", defaultValue = "100", description = "how many images")
        int k;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() {
            AnalyzedRun analyzed = runOptions.open(spec.commandLine().getErr());
            List<LossRanking.Item> items = analyzed.topLosses(k);
            TruthScore.besides(analyzed.dataset().source()).ifPresent(truth -> {
                var score = truth.at(items.stream().map(LossRanking.Item::index).toList(), k);
                spec.commandLine().getErr().printf("against the truth file (scoring only): %d of the top %d are "
                        + "flipped labels: recall@%d %.1f%%, precision %.1f%%%n", score.hits(), score.k(), k,
                        100 * score.recall(), 100 * score.precision());
            });
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(Map.of("items", items)));
                return 0;
            }
            List<String> classes = analyzed.dataset().classes();
            for (LossRanking.Item item : items) {
                out.printf("%6d  label %-12s (p=%.3f)  predicted %-12s (p=%.3f)  loss %.3f  %s%n", item.index(),
                        classes.get(item.label()), item.probLabel(), classes.get(item.predicted()),
                        item.probPredicted(), item.loss(), item.path() == null ? "" : item.path());
            }
            return 0;
        }
    }
}
