package atelier.cli;

import atelier.nd4j.Nd4jSetup;
import atelier.report.FigureOutcome;
import atelier.report.ReportWriter;
import atelier.study.Sheets;
import atelier.study.StepState;
import atelier.study.StudyListener;
import atelier.study.StudyPlan;
import atelier.study.StudyFigures;
import atelier.study.StudyReports;
import atelier.study.StudyRunner;
import atelier.study.StudyState;
import atelier.study.StudyStep;
import atelier.study.StudyStore;
import atelier.train.CatalogModelFactory;
import atelier.train.RunStore;
import atelier.train.TrainingService;
import atelier.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atelier study ...}: run an exercise sheet (or a study of one's own) unattended, resume it, report it. */
@Command(name = "study", description = "Run a whole exercise sheet as one study that writes its report.",
        subcommands = {StudyCommand.ListStudies.class, StudyCommand.Run.class, StudyCommand.Resume.class,
            StudyCommand.Report.class, StudyCommand.Create.class})
public final class StudyCommand {

    /** The options every study command takes: the workspace, and one JSON document on stdout. */
    abstract static class StudyOptions {
        @Spec
        CommandSpec spec;

        @Option(names = "--workspace", description = "workspace folder (default ~/atelier-workspace)")
        Path workspace;

        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;
    }

    static StudyStore store(Path workspace) {
        return new StudyStore(workspace != null ? new Workspace(workspace) : Workspace.defaultWorkspace());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The built-in sheets and the studies.")
    static final class ListStudies extends StudyOptions implements Callable<Integer> {

        @Override
        public Integer call() {
            StudyStore store = store(workspace);
            List<Map<String, Object>> studies = new ArrayList<>();
            for (StudyStore.Entry entry : store.list()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", entry.name());
                row.put("folder", entry.folder().toAbsolutePath().toString());
                if (entry.plan() == null) {
                    row.put("damaged", entry.damage());
                } else {
                    row.put("sheet", entry.plan().sheet());
                    row.put("steps", entry.plan().steps().size());
                    row.put("finished", entry.state().finished());
                }
                studies.add(row);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(Map.of("builtIn", Sheets.BUILT_IN, "studies", studies)));
                return 0;
            }
            out.println("built in: " + String.join(", ", Sheets.BUILT_IN));
            if (studies.isEmpty()) {
                out.println("no studies in " + store.root());
            }
            for (Map<String, Object> row : studies) {
                out.println(row.containsKey("damaged") ? row.get("name") + "  damaged: " + row.get("damaged")
                        : String.format("%-28s %-20s %s of %s steps finished", row.get("name"), row.get("sheet"),
                        row.get("finished"), row.get("steps")));
            }
            return 0;
        }
    }

    /** Runs a study to its end and writes its report; shared by run and resume. */
    abstract static class Running extends StudyOptions {
        @Option(names = "--parallel", description = "runs trained at once, each with the cores divided among them "
                + "(default: 2 where there are 2 cores or more; 1 trains the runs one after another)")
        Integer parallel;

        int runToEnd(StudyStore store, String name) {
            PrintWriter err = spec.commandLine().getErr();
            long start = System.nanoTime();
            int slots = parallel != null ? parallel : Math.min(2, Nd4jSetup.defaultThreads());
            if (slots < 1) {
                throw new IllegalArgumentException("--parallel must be at least 1, got " + slots);
            }
            Nd4jSetup.configure(TrainingService.threadsPerSlot(slots));
            StudyState state;
            try (TrainingService service = new TrainingService(new RunStore(store.workspace().runs()),
                    new CatalogModelFactory(err::println), slots)) {
                state = new StudyRunner(store, service, new StderrStudy(err), new StderrProgress(err)).run(name);
            }
            // the report's figures (t-SNE features, the gallery) are one job again: give it every core
            Nd4jSetup.configure(Nd4jSetup.defaultThreads());
            ReportWriter.Written report = new StudyReports(store, StudyFigures.standard(store.workspace())).write(name, null);
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf("study %s: %d of %d steps finished in %.0f s; report %s and %s%n", name, state.finished(),
                    state.steps().size(), seconds, report.html(), report.pdf());
            report.missing().forEach(m -> err.println("  missing figure: " + m.slot().title() + ": "
                    + m.missingReason()));
            if (json) {
                spec.commandLine().getOut().println(Json.write(summary(store, name, state, report, seconds)));
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a built-in sheet (fashion-sheet, architectures-sheet) as a new study, or go on with a "
                    + "study by its name; writes report.html and report.pdf in studies/NAME/report.")
    static final class Run extends Running implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "fashion-sheet|architectures-sheet|NAME")
        String what;

        @Option(names = "--epochs", defaultValue = "10", description = "epochs of every run (default 10)")
        int epochs;

        @Option(names = "--limit-train", defaultValue = "0", description = "train on this many images (0 = all)")
        int limitTrain;

        @Option(names = "--name", description = "the new study's name (default: the sheet's)")
        String name;

        @Override
        public Integer call() {
            StudyStore store = store(workspace);
            String study = what;
            if (Sheets.BUILT_IN.contains(what)) {
                study = name != null ? name : what;
                if (store.exists(study)) {
                    throw new IllegalArgumentException("a study named " + study + " exists already in "
                            + store.root() + "; go on with it (study resume " + study + ") or pick another --name");
                }
                store.save(Sheets.named(what, study, epochs, limitTrain, store.workspace()));
            } else if (!store.exists(what)) {
                throw new IllegalArgumentException("\"" + what + "\" is neither a built-in sheet ("
                        + String.join(", ", Sheets.BUILT_IN) + ") nor a study in " + store.root());
            }
            return runToEnd(store, study);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Go on with a study that was stopped or killed: finished runs are kept, the interrupted "
                    + "one continues from its last checkpoint.")
    static final class Resume extends Running implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            StudyStore store = store(workspace);
            store.plan(name);
            return runToEnd(store, name);
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write a study's report (HTML and PDF) from what it has so far, without training.")
    static final class Report extends StudyOptions implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--out", description = "folder for report.html, report.pdf and figures/ "
                + "(default studies/NAME/report)")
        Path out;

        @Override
        public Integer call() {
            StudyStore store = store(workspace);
            ReportWriter.Written report = new StudyReports(store, StudyFigures.standard(store.workspace())).write(name, out);
            PrintWriter err = spec.commandLine().getErr();
            err.printf("wrote %s and %s%n", report.html(), report.pdf());
            report.missing().forEach(m -> err.println("  missing figure: " + m.slot().title() + ": "
                    + m.missingReason()));
            if (json) {
                spec.commandLine().getOut().println(Json.write(reportSummary(report)));
            }
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a study of runs you already have, to compare them in one report (then study run NAME).")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--runs", required = true, split = ",", description = "run folders or names, comma-separated")
        List<String> runs;

        @Option(names = "--workspace")
        Path workspace;

        @Override
        public Integer call() {
            StudyStore store = store(workspace);
            if (store.exists(name)) {
                throw new IllegalArgumentException("a study named " + name + " exists already");
            }
            RunStore runStore = new RunStore(store.workspace().runs());
            runs.forEach(runStore::resolve);
            store.save(Sheets.ofRuns(name, runs, null));
            return 0;
        }
    }

    static Map<String, Object> summary(StudyStore store, String name, StudyState state, ReportWriter.Written report,
                                       double seconds) {
        StudyPlan plan = store.plan(name);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("study", name);
        summary.put("folder", store.folder(name).toAbsolutePath().toString());
        summary.put("seconds", Math.round(seconds));
        List<Map<String, Object>> steps = new ArrayList<>();
        RunStore runs = new RunStore(store.workspace().runs());
        for (StudyStep step : plan.steps()) {
            StepState s = state.step(step.key());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step.key());
            row.put("title", step.title());
            row.put("status", s.status().name().toLowerCase());
            if (s.run() != null) {
                row.put("run", s.run());
                var record = RunStore.read(runs.root().resolve(s.run()));
                row.put("bestEpoch", record.bestEpoch());
                row.put("bestTestAccuracy", record.bestTestAccuracy());
            }
            if (s.message() != null) {
                row.put("message", s.message());
            }
            steps.add(row);
        }
        summary.put("steps", steps);
        summary.putAll(reportSummary(report));
        return summary;
    }

    static Map<String, Object> reportSummary(ReportWriter.Written report) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("html", report.html().toAbsolutePath().toString());
        summary.put("pdf", report.pdf().toAbsolutePath().toString());
        List<Map<String, String>> missing = new ArrayList<>();
        for (FigureOutcome figure : report.missing()) {
            missing.add(Map.of("figure", figure.slot().title(), "reason", figure.missingReason()));
        }
        summary.put("missingFigures", missing);
        return summary;
    }

    /** A line per step and per epoch, and the whole study's progress at most every ten seconds, on stderr. */
    private static final class StderrStudy implements StudyListener {
        private final PrintWriter err;
        private long lastLine;

        StderrStudy(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void stepStarted(int index, int count, StudyStep step) {
            err.printf("step %d/%d: %s%n", index + 1, count, step.title());
            err.flush();
        }

        @Override
        public void progress(Progress p) {
            long now = System.nanoTime();
            if (now - lastLine > 10_000_000_000L) {
                lastLine = now;
                err.printf("  %s: epoch %d/%d batch %d/%d, %.0f images/s · study %.0f%%, about %.0f min left%n",
                        p.stepTitle(), p.run().epoch(), p.run().epochs(), p.run().batch(), p.run().batchesPerEpoch(),
                        p.run().imagesPerSecond(), 100 * p.fraction(), p.studySecondsLeft() / 60);
                err.flush();
            }
        }

        @Override
        public void message(String line) {
            err.println("  " + line);
            err.flush();
        }
    }
}
