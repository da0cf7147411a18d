package atelier.study;

import atelier.BuildInfo;
import atelier.model.Architecture;
import atelier.model.ArchitectureCatalog;
import atelier.model.InputShape;
import atelier.model.LayerCheck;
import atelier.model.LayerRow;
import atelier.model.LayerSpecText;
import atelier.model.ModelOptions;
import atelier.model.ParameterTable;
import atelier.model.Resize;
import atelier.report.Figures;
import atelier.report.ReportContent;
import atelier.report.ReportRun;
import atelier.report.ReportTable;
import atelier.report.ReportWriter;
import atelier.train.EpochMetrics;
import atelier.train.RunEnvironment;
import atelier.train.RunRecord;
import atelier.train.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns a study's plan, state, runs and analyses into its report (through {@link ReportWriter}): the results
 * table (best epoch, its test accuracy, time, images/s, parameters), the parameter table where the sheet asks for
 * one, the top losses of a cleaning step, what every step did, the findings, each run's spec and the environment.
 * The CLI and the app both come here, so they make the same report.
 */
public final class StudyReports {
    private static final InputShape MNIST_SHAPE = InputShape.of(1, 28, 28);
    private static final String NONE = "-";

    private final StudyStore store;
    private final Figures figures;

    public StudyReports(StudyStore store, Figures figures) {
        this.store = store;
        this.figures = figures;
    }

    /** Writes report.html, report.pdf and figures/ into {@code out}, by default the study's report/ folder. */
    public ReportWriter.Written write(String name, Path out) {
        StudyPlan plan = store.plan(name);
        StudyState state = store.state(name);
        RunStore runs = new RunStore(store.workspace().runs());
        List<ReportRun> reportRuns = new ArrayList<>();
        for (StudyStep step : plan.steps()) {
            StepState s = state.step(step.key());
            Path folder = s.run() == null ? null : runs.root().resolve(s.run());
            if (folder != null && Files.isRegularFile(folder.resolve(RunStore.RECORD))) {
                reportRuns.add(new ReportRun(step.key(), step.title(), folder, RunStore.read(folder)));
            }
        }
        ReportContent content = new ReportContent(plan.title() + " (study " + plan.name() + ")",
                introduction(plan, state), tables(plan, state, reportRuns), findings(plan, state, reportRuns), plan.figures(),
                reportRuns, specs(reportRuns), environment(reportRuns));
        return new ReportWriter(figures).write(content, store.folder(name), out != null ? out
                : store.reportFolder(name));
    }

    private static List<String> introduction(StudyPlan plan, StudyState state) {
        List<String> lines = new ArrayList<>(plan.introduction());
        lines.add(String.format("%d of %d steps finished; report made %s.", state.finished(), plan.steps().size(),
                Instant.now().toString().replaceFirst("\\.\\d+Z$", "Z")));
        return lines;
    }

    private List<ReportTable> tables(StudyPlan plan, StudyState state, List<ReportRun> runs) {
        List<ReportTable> tables = new ArrayList<>();
        tables.add(results(plan, state, runs));
        if (Sheets.FASHION.equals(plan.sheet())) {
            tables.add(parameterTable("mnist-net"));
        }
        for (StudyStep step : plan.steps()) {
            if (step.kind() == StudyStep.Kind.CLEAN && Files.isRegularFile(store.analysis(plan.name(), step.key()))) {
                tables.add(topLosses(plan, step));
            }
        }
        tables.add(steps(plan, state));
        return tables;
    }

    private static ReportTable results(StudyPlan plan, StudyState state, List<ReportRun> runs) {
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (StudyStep step : plan.steps()) {
            if (!step.trains() && step.kind() != StudyStep.Kind.RUN) {
                continue;
            }
            ReportRun run = runs.stream().filter(r -> r.step().equals(step.key())).findFirst().orElse(null);
            StepState s = state.step(step.key());
            if (run == null) {
                rows.add(List.of(step.title(), step.spec() == null ? NONE : step.spec().architecture(),
                        step.spec() == null ? NONE : step.spec().dataset(), NONE, NONE, NONE, NONE, NONE, NONE,
                        s.status().name().toLowerCase(Locale.ROOT)));
                if (s.message() != null) {
                    notes.add(step.title() + ": " + s.message());
                }
                continue;
            }
            RunRecord record = run.record();
            double seconds = record.epochs().stream().mapToDouble(EpochMetrics::seconds).sum();
            double rate = record.epochs().stream().mapToDouble(EpochMetrics::imagesPerSecond).average().orElse(0);
            String init = step.initFrom() == null ? init(record) : "best epoch of " + plan.step(step.initFrom())
                    .map(StudyStep::title).orElse(step.initFrom()) + (record.spec().freezeAllButLast()
                    ? ", frozen but the last layer" : "");
            rows.add(List.of(step.title(), record.spec().architecture(), datasetName(record), init,
                    record.bestEpoch() == 0 ? NONE : record.bestEpoch() + " of " + record.epochs().size(),
                    record.bestEpoch() == 0 ? NONE : String.format("%.2f%%", 100 * record.bestTestAccuracy()),
                    String.format("%.0f\u00a0s", seconds), String.format("%,.0f", rate), parameters(record),
                    record.status().name().toLowerCase(Locale.ROOT)));
        }
        return new ReportTable("Results: the best epoch of each case (by test accuracy), its test accuracy, the "
                + "run's training time and speed, and its parameters (learned / all, for 28x28x1 input and 10 "
                + "classes).", List.of("case", "architecture", "dataset", "initialization", "best epoch",
                "test accuracy", "time", "images/s", "parameters", "status"), rows, withTimingNote(notes));
    }

    private static List<String> withTimingNote(List<String> notes) {
        List<String> all = new ArrayList<>(notes);
        all.add("Time is the sum of the epochs' wall-clock seconds, test evaluation included; images/s is the mean "
                + "training speed over the epochs. Frozen runs learn only the last layer.");
        return all;
    }

    private static ReportTable parameterTable(String architecture) {
        ParameterTable table = ArchitectureCatalog.describe(ArchitectureCatalog.named(architecture), MNIST_SHAPE, 10,
                ModelOptions.defaults()).table();
        List<List<String>> rows = new ArrayList<>();
        for (LayerRow row : table.rows()) {
            rows.add(List.of(row.name(), row.type(), row.outputShape().toString().replace(" ", ""),
                    String.format("%,d", row.trainable()), String.format("%,d", row.nonTrainable()), row.detail()));
        }
        rows.add(List.of("total", "", "", String.format("%,d", table.trainable()),
                String.format("%,d", table.nonTrainable()), ""));
        return new ReportTable("Parameters of " + architecture + " per layer and in total, for 28x28x1 input and "
                + "10 classes, read from the built DL4J network.", List.of("layer", "type", "output shape",
                "parameters", "non-trainable", "settings"), rows,
                List.of("The total is the number PyTorch reports for the same network (weights and biases)."));
    }

    private ReportTable topLosses(StudyPlan plan, StudyStep step) {
        StepWork.TopLosses data = StudyStore.read(store.analysis(plan.name(), step.key()), StepWork.TopLosses.class);
        List<List<String>> rows = new ArrayList<>();
        int rank = 0;
        for (var item : data.items().subList(0, Math.min(20, data.items().size()))) {
            rank++;
            rows.add(List.of(Integer.toString(rank), Integer.toString(item.index()), Integer.toString(item.label()),
                    Integer.toString(item.predicted()), String.format("%.3f", item.probLabel()),
                    String.format("%.2f", item.loss()), item.path() == null ? NONE : Path.of(item.path())
                            .getFileName().toString()));
        }
        List<String> notes = new ArrayList<>();
        notes.add(String.format("All %d were excluded before the retraining.", data.excluded()));
        if (data.truthHits() != null) {
            notes.add(String.format("%d of the %d carry one of the %d labels the generator changed.", data.truthHits(),
                    data.excluded(), data.flipped()));
        }
        return new ReportTable("The 20 training images with the highest loss under run " + data.run()
                + " (top_losses), of the " + data.excluded() + " removed.", List.of("rank", "index", "label",
                "predicted", "p(label)", "loss", "file"), rows, notes);
    }

    private static ReportTable steps(StudyPlan plan, StudyState state) {
        List<List<String>> rows = new ArrayList<>();
        for (StudyStep step : plan.steps()) {
            StepState s = state.step(step.key());
            String interrupted = s.interrupted().isEmpty() ? "" : " Interrupted earlier: "
                    + String.join(", ", s.interrupted()) + ".";
            rows.add(List.of(step.title(), step.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    s.status().name().toLowerCase(Locale.ROOT), s.run() == null ? NONE : s.run(),
                    (s.message() == null ? "" : s.message()) + interrupted));
        }
        return new ReportTable("Every step of the study, in order, with its run folder (in the workspace's runs/) "
                + "and what it did.", List.of("step", "kind", "status", "run", "note"), rows, List.of());
    }

    private static List<ReportContent.Finding> findings(StudyPlan plan, StudyState state, List<ReportRun> runs) {
        List<ReportContent.Finding> findings = new ArrayList<>();
        for (StudyStep step : plan.steps()) {
            StepState s = state.step(step.key());
            boolean worded = step.kind() == StudyStep.Kind.REFUSAL || step.kind() == StudyStep.Kind.PRETRAINED_VGG16
                    || step.kind() == StudyStep.Kind.CLEAN || step.kind() == StudyStep.Kind.CONFUSION;
            if (s.message() != null && (worded || s.status() == StepStatus.SKIPPED
                    || s.status() == StepStatus.FAILED)) {
                findings.add(new ReportContent.Finding(step.title(), s.message()));
            }
        }
        findings.addAll(comparisons(plan, runs));
        return findings;
    }

    /** Which case came out best, as sheet 1 asks, and what cleaning changed: computed from the runs. */
    private static List<ReportContent.Finding> comparisons(StudyPlan plan, List<ReportRun> runs) {
        List<ReportContent.Finding> findings = new ArrayList<>();
        List<ReportRun> cases = runs.stream().filter(run -> !run.step().endsWith("pretraining"))
                .filter(run -> run.record().bestEpoch() > 0)
                .sorted(Comparator.comparingDouble((ReportRun run) -> run.record().bestTestAccuracy()).reversed())
                .toList();
        if (cases.size() > 1) {
            StringBuilder text = new StringBuilder("Ranked by best test accuracy: ");
            for (int i = 0; i < cases.size(); i++) {
                RunRecord r = cases.get(i).record();
                text.append(String.format("%s%s %.2f%% (epoch %d)", i == 0 ? "" : ", ", cases.get(i).label(),
                        100 * r.bestTestAccuracy(), r.bestEpoch()));
            }
            text.append(". ").append(cases.get(0).label()).append(" worked best in this study.");
            findings.add(new ReportContent.Finding("Which case worked best", text.toString()));
        }
        for (StudyStep step : plan.steps()) {
            if (step.cleanedBy() == null) {
                continue;
            }
            String before = plan.step(step.cleanedBy()).map(StudyStep::of).orElse(null);
            ReportRun after = run(runs, step.key());
            ReportRun original = before == null ? null : run(runs, before);
            if (after != null && original != null && after.record().bestEpoch() > 0
                    && original.record().bestEpoch() > 0) {
                findings.add(new ReportContent.Finding("Effect of the cleanup", String.format(
                        "%s: best test accuracy %.2f%% (epoch %d, final training loss %.4f); %s: %.2f%% (epoch %d, "
                        + "final training loss %.4f): a change of %+.2f percentage points.", original.label(),
                        100 * original.record().bestTestAccuracy(), original.record().bestEpoch(),
                        lastTrainLoss(original.record()), after.label(), 100 * after.record().bestTestAccuracy(),
                        after.record().bestEpoch(), lastTrainLoss(after.record()),
                        100 * (after.record().bestTestAccuracy() - original.record().bestTestAccuracy()))));
            }
        }
        return findings;
    }

    private static ReportRun run(List<ReportRun> runs, String step) {
        return runs.stream().filter(r -> r.step().equals(step)).findFirst().orElse(null);
    }

    private static double lastTrainLoss(RunRecord record) {
        return record.epochs().get(record.epochs().size() - 1).trainLoss();
    }

    private static List<ReportContent.Spec> specs(List<ReportRun> runs) {
        List<ReportContent.Spec> specs = new ArrayList<>();
        for (ReportRun run : runs) {
            try {
                specs.add(new ReportContent.Spec(run.label() + " (run " + run.record().id() + ")",
                        StudyStore.JSON.writeValueAsString(run.record().spec())));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                specs.add(new ReportContent.Spec(run.label(), "unwritable spec: " + e.getMessage()));
            }
        }
        return specs;
    }

    private static List<String> environment(List<ReportRun> runs) {
        List<String> lines = new ArrayList<>();
        runs.stream().map(run -> run.record().environment()).filter(java.util.Objects::nonNull).distinct()
                .forEach(env -> lines.add(describe(env)));
        lines.add(String.format("Report made by Atelier %s, DL4J %s, Java %s (%s %s).", BuildInfo.atelierVersion(),
                BuildInfo.dl4jVersion(), System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch")));
        return lines;
    }

    private static String describe(RunEnvironment env) {
        return String.format("Runs trained with Atelier %s, DL4J %s, Java %s on %s %s, %d threads, %s.",
                env.atelier(), env.deeplearning4j(), env.java(), env.os(), env.arch(), env.threads(),
                env.nd4jBackend());
    }

    private static String datasetName(RunRecord record) {
        String name = record.data() != null && record.data().name() != null ? record.data().name()
                : record.spec().dataset();
        if (record.data() != null && record.data().excludedTrainImages() > 0) {
            name += String.format(" (%,d excluded)", record.data().excludedTrainImages());
        }
        return name;
    }

    private static String init(RunRecord record) {
        String init = record.spec().init();
        if (init.startsWith("checkpoint:")) {
            Path file = Path.of(init.substring("checkpoint:".length()));
            Path runFolder = file.getParent();
            init = "from " + (runFolder != null && file.getFileName().toString().equals(RunStore.BEST)
                    ? runFolder.getFileName() + "/best.zip" : file.getFileName().toString());
        }
        return init + (record.spec().freezeAllButLast() ? ", frozen but the last layer" : "");
    }

    private static String parameters(RunRecord record) {
        try {
            Architecture architecture = ArchitectureCatalog.CUSTOM.equals(record.spec().architecture())
                    && record.spec().layers() != null
                    ? ArchitectureCatalog.custom(LayerSpecText.parse(record.spec().layers()))
                    : ArchitectureCatalog.named(record.spec().architecture());
            List<LayerCheck> layers = architecture.check(MNIST_SHAPE, 10, ModelOptions.defaults()
                    .withResize(Resize.parse(record.spec().resize()))).layers();
            long all = layers.stream().mapToLong(LayerCheck::trainable).sum();
            long learned = layers.stream().filter(l -> !record.frozenLayers().contains(l.name()))
                    .mapToLong(LayerCheck::trainable).sum();
            return learned == all ? String.format("%,d", all) : String.format("%,d / %,d", learned, all);
        } catch (RuntimeException e) {
            return NONE;
        }
    }
}
