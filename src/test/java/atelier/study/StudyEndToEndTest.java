package atelier.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atelier.data.SmallMislabelledMnist;
import atelier.report.FigureSlot;
import atelier.report.Figures;
import atelier.report.ReportWriter;
import atelier.report.StudyFigure;
import atelier.task.Progress;
import atelier.train.CatalogModelFactory;
import atelier.train.RunRecord;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingService;
import atelier.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small study end to end on a few hundred MNIST images: two runs (one finetuned from the other), a confusion
 * matrix, a cleaning step and a retrain, then the report as HTML and PDF; stopping and resuming; a missing figure.
 */
class StudyEndToEndTest {
    @TempDir
    static Path shared;
    private static Path data;

    @TempDir
    Path workspaceFolder;

    @BeforeAll
    static void writeData() {
        data = SmallMislabelledMnist.write(shared.resolve("small_mislabelled"), 400, 200, 20);
    }

    private static StudyPlan smallPlan(String name) {
        return smallPlan(name, 1);
    }

    /** @param finetuningEpochs epochs of the second run, the one the stop test interrupts after its first epoch */
    private static StudyPlan smallPlan(String name, int finetuningEpochs) {
        RunSpec base = new RunSpec(null, data.toString(), "mnist-net", "xavier", false, "adadelta", 1.0, 0.7, 0.9,
                32, 1, 300, "none", 1);
        RunSpec frozen = new RunSpec(null, data.toString(), "mnist-net", "xavier", true, "adadelta", 1.0, 0.7, 0.9,
                32, finetuningEpochs, 300, "none", 1);
        RunSpec augmented = new RunSpec(null, data.toString(), "mnist-net", "xavier", false, "adadelta", 1.0, 0.7,
                0.9, 32, 1, 300, "flip:0.5,crop:2", 1);
        List<StudyStep> steps = List.of(
                StudyStep.train("first", "First run", augmented),
                StudyStep.train("second", "Finetuned", frozen).initFrom("first"),
                StudyStep.confusion("first-confusion", "Test confusion", "first", "test"),
                StudyStep.clean("clean", "Top losses removed", "first", 10),
                StudyStep.train("cleaned", "After cleaning", base).cleanedBy("clean"));
        List<FigureSlot> figures = List.of(
                new FigureSlot("learning-curves", "Learning curves on the test set", List.of("first", "second",
                        "cleaned"), "test", null),
                new FigureSlot("confusion", "Test confusion of the first run", List.of("first-confusion"), "test",
                        null),
                new FigureSlot("tsne-fc1", "t-SNE map of fc1", List.of("first"), "limit=150",
                        "this build has no t-SNE (issue 12)"),
                new FigureSlot("augmentation-transforms", "Each augmentation transform", List.of("first"), null,
                        null),
                new FigureSlot("activation-maximization", "Activation maximization", List.of("first"), "steps=40",
                        null),
                new FigureSlot("accuracy-vs-quality", "Accuracy against image quality", List.of("first", "cleaned"),
                        "steps=40", null),
                new FigureSlot("no-such-figure", "A figure nobody provides", List.of("first"), null,
                        "this build has no such figure"));
        return new StudyPlan(StudyPlan.SCHEMA_VERSION, name, "custom", "A small study", List.of("Two short runs."),
                1, 300, Instant.now().toString(), steps, figures);
    }

    private StudyState run(StudyStore store, String name, StudyListener listener) {
        try (TrainingService service = new TrainingService(new RunStore(store.workspace().runs()),
                new CatalogModelFactory(line -> { }))) {
            return new StudyRunner(store, service, listener, Progress.NONE).run(name);
        }
    }

    @Test
    void runsEveryStepAndWritesTheReportAsHtmlAndPdf() throws Exception {
        StudyStore store = new StudyStore(new Workspace(workspaceFolder));
        store.save(smallPlan("small"));

        StudyState state = run(store, "small", StudyListener.NONE);

        assertThat(state.steps().values()).allMatch(s -> s.status() == StepStatus.DONE);
        RunRecord first = RunStore.read(store.workspace().runs().resolve(state.step("first").run()));
        RunRecord second = RunStore.read(store.workspace().runs().resolve(state.step("second").run()));
        RunRecord cleaned = RunStore.read(store.workspace().runs().resolve(state.step("cleaned").run()));
        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.spec().init()).startsWith("checkpoint:").endsWith(state.step("first").run()
                + "/best.zip");
        assertThat(second.frozenLayers()).isNotEmpty();
        assertThat(cleaned.data().excludedTrainImages()).isEqualTo(10);
        assertThat(Files.readString(store.journal("small", "clean"))).contains("exclude");
        assertThat(state.step("clean").message()).contains("excluded the 10 training images");

        assertThat(first.spec().augmentation()).isEqualTo("flip:0.5,crop:2");

        ReportWriter.Written report = new StudyReports(store, StudyFigures.standard(store.workspace()))
                .write("small", null);

        String html = Files.readString(report.html(), StandardCharsets.UTF_8);
        assertThat(html).contains("Table 1. Results", "First run", "Finetuned", "After cleaning",
                "<b>Figure 1.</b> Learning curves on the test set", "<b>Figure 2.</b> Test confusion of the first run",
                "<b>Figure 3.</b> t-SNE map of fc1", "fc1 features", "150 (a subset chosen by the seed)",
                "after 40 steps",
                "10-NN readout", "<b>Figure 4.</b> Each augmentation transform", "flip:0.5,crop:2",
                "<b>Figure 5.</b> Activation maximization", "<b>Figure 6.</b> Accuracy against image quality",
                "judged by run " + state.step("cleaned").run(), "Spearman",
                "A figure nobody provides: not available", "this build has no such figure",
                "&quot;architecture&quot; : &quot;mnist-net&quot;");
        assertThat(report.missing()).extracting(m -> m.slot().name()).containsExactly("no-such-figure");
        Path figures = store.reportFolder("small").resolve("figures");
        try (var files = Files.list(figures)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).hasSize(6)
                    .allMatch(f -> f.endsWith(".png"));
        }
        try (var files = Files.list(figures)) {
            assertThat(files).allMatch(f -> f.toFile().length() > 5_000);
        }
        // the t-SNE map is the feature's cached map in the run's folder: a second report reuses it
        assertThat(store.workspace().runs().resolve(state.step("first").run()).resolve("tsne")).isDirectory();

        String pdf;
        try (PDDocument document = Loader.loadPDF(report.pdf().toFile())) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            pdf = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
        assertThat(pdf).contains("Table 1. Results", "best epoch", "test accuracy", "First run",
                String.format("%.2f%%", 100 * first.bestTestAccuracy()), "Figure 1. Learning curves on the test set",
                "Figure 2. Test confusion", "Figure 3. t-SNE map of fc1", "Figure 5. Activation maximization",
                "A figure nobody provides: not available", "Environment");
    }

    @Test
    void aStoppedStudyContinuesItsInterruptedRunFromTheLastCheckpoint() throws Exception {
        StudyStore store = new StudyStore(new Workspace(workspaceFolder));
        store.save(smallPlan("stopped", 2));
        AtomicBoolean stopped = new AtomicBoolean();
        StudyRunner[] runner = new StudyRunner[1];
        try (TrainingService service = new TrainingService(new RunStore(store.workspace().runs()),
                new CatalogModelFactory(line -> { }))) {
            runner[0] = new StudyRunner(store, service, new StudyListener() {
                @Override
                public void message(String text) {
                    // stop once the finetuning run has saved its first epoch's checkpoint
                    if (text.startsWith("Finetuned epoch 1:") && stopped.compareAndSet(false, true)) {
                        runner[0].cancel();
                    }
                }
            }, atelier.task.Progress.NONE);
            assertThatThrownBy(() -> runner[0].run("stopped")).isInstanceOf(StudyCancelledException.class)
                    .hasMessageContaining("study resume stopped");
        }
        StudyState afterStop = store.state("stopped");
        String firstRun = afterStop.step("first").run();
        assertThat(afterStop.step("first").status()).isEqualTo(StepStatus.DONE);
        assertThat(afterStop.step("second").status()).isEqualTo(StepStatus.PENDING);
        String interrupted = afterStop.step("second").run();
        Path interruptedFolder = store.workspace().runs().resolve(interrupted);
        RunRecord cancelled = RunStore.read(interruptedFolder);
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.epochs()).hasSize(1);

        StudyState resumed = run(store, "stopped", StudyListener.NONE);

        assertThat(resumed.steps().values()).allMatch(s -> s.status() == StepStatus.DONE);
        assertThat(resumed.step("first").run()).isEqualTo(firstRun);
        assertThat(resumed.step("second").run()).isEqualTo(interrupted);
        assertThat(resumed.step("second").interrupted()).isEmpty();
        RunRecord continued = RunStore.read(interruptedFolder);
        assertThat(continued.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(continued.epochs()).hasSize(2);
        // epoch 1 was kept, not trained again: its measurements are those written before the stop
        assertThat(continued.epochs().get(0)).isEqualTo(cancelled.epochs().get(0));
        assertThat(resumed.step("second").message()).startsWith("continued: run " + interrupted
                + " was interrupted after 1 finished epoch and went on from its checkpoint of epoch 1");
        String html = Files.readString(new StudyReports(store, Figures.standard()).write("stopped", null).html());
        assertThat(html).contains("continued: run " + interrupted);
    }

    @Test
    void withTwoSlotsIndependentRunsTrainSideBySideAndADependentOneWaitsForItsSource() {
        StudyStore store = new StudyStore(new Workspace(workspaceFolder));
        RunSpec base = new RunSpec(null, data.toString(), "mnist-net", "xavier", false, "adadelta", 1.0, 0.7, 0.9,
                32, 1, 300, "none", 1);
        RunSpec frozen = new RunSpec(null, data.toString(), "mnist-net", "xavier", true, "adadelta", 1.0, 0.7, 0.9,
                32, 1, 300, "none", 1);
        store.save(new StudyPlan(StudyPlan.SCHEMA_VERSION, "side", "custom", "Side by side", List.of("Three runs."),
                1, 300, Instant.now().toString(), List.of(
                StudyStep.train("a", "A", base),
                StudyStep.train("b", "B, the same spec as A", base),
                StudyStep.train("c", "C, finetuned from A", frozen).initFrom("a")), List.of()));
        List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        StudyListener recorder = new StudyListener() {
            @Override
            public void stepStarted(int index, int count, StudyStep step) {
                events.add("start " + step.key());
            }

            @Override
            public void stepFinished(StudyStep step, StepState state) {
                events.add("end " + step.key());
            }
        };
        StudyState state;
        try (TrainingService service = new TrainingService(new RunStore(store.workspace().runs()),
                new CatalogModelFactory(line -> { }), 2)) {
            state = new StudyRunner(store, service, recorder, Progress.NONE).run("side");
        }

        assertThat(state.steps().values()).allMatch(s -> s.status() == StepStatus.DONE);
        assertThat(events.subList(0, 2)).containsExactly("start a", "start b");
        assertThat(events.indexOf("start c")).isGreaterThan(events.indexOf("end a"));
        RunRecord a = RunStore.read(store.workspace().runs().resolve(state.step("a").run()));
        RunRecord b = RunStore.read(store.workspace().runs().resolve(state.step("b").run()));
        // trained at the same time on two threads, the same spec and seed give the same curve, to float-level
        // differences of the two-thread BLAS (seen: 1.8e-8 in the loss)
        assertThat(b.epochs().get(0).trainLoss()).isCloseTo(a.epochs().get(0).trainLoss(),
                org.assertj.core.api.Assertions.within(1e-4));
        assertThat(b.epochs().get(0).testAccuracy()).isCloseTo(a.epochs().get(0).testAccuracy(),
                org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void aRunLeftRunningByAKilledProcessIsContinuedInItsFolderAndSaysSo() {
        StudyStore store = new StudyStore(new Workspace(workspaceFolder));
        StudyPlan plan = smallPlan("killed");
        store.save(plan);
        // what kill -9 in the middle of the first epoch leaves: the state says RUNNING, the run.json too
        Path folder = new RunStore(store.workspace().runs()).createFolder("killed-first");
        RunStore.write(folder, new RunRecord(RunRecord.SCHEMA_VERSION, folder.getFileName().toString(),
                Instant.now().toString(), RunStatus.RUNNING, null, plan.steps().get(0).spec(), null, null, List.of(),
                List.of(), 0, 0));
        // and how a build that recorded augmentation without applying it left a case it skipped
        store.save("killed", StudyState.fresh(plan).with("first",
                StepState.pending().running(folder.getFileName().toString())).with("second", StepState.pending()
                .ended(StepStatus.SKIPPED, "not run: this build records the augmentation recipe but does not apply "
                        + "it (issue 11 has not landed), so this run would repeat the baseline")));

        StudyState resumed = run(store, "killed", StudyListener.NONE);

        StepState first = resumed.step("first");
        assertThat(first.status()).isEqualTo(StepStatus.DONE);
        assertThat(first.run()).isEqualTo(folder.getFileName().toString());
        assertThat(first.interrupted()).isEmpty();
        assertThat(first.message()).contains("interrupted after 0 finished epochs and went on from its start");
        assertThat(RunStore.read(folder).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.step("cleaned").status()).isEqualTo(StepStatus.DONE);
        assertThat(resumed.step("second").status()).isEqualTo(StepStatus.DONE);
        assertThat(resumed.step("second").run()).isNotNull();
    }

    @Test
    void aFigureWhoseProviderFailsIsListedAsMissingWithItsReason() throws Exception {
        StudyStore store = new StudyStore(new Workspace(workspaceFolder));
        StudyPlan plan = smallPlan("failing");
        store.save(new StudyPlan(plan.schemaVersion(), plan.name(), plan.sheet(), plan.title(), plan.introduction(),
                plan.epochs(), plan.limitTrain(), plan.created(), plan.steps().subList(0, 1), List.of(
                        new FigureSlot("tsne-fc1", "t-SNE map of fc1", List.of("first"), null, "no t-SNE here"),
                        new FigureSlot("learning-curves", "Curves", List.of("first"), "train", null))));
        run(store, "failing", StudyListener.NONE);
        Figures figures = Figures.standard().register(new StudyFigure() {
            @Override
            public String name() {
                return "tsne-fc1";
            }

            @Override
            public String draw(atelier.report.FigureRequest request) {
                throw new IllegalStateException("fc1 features of " + request.runs().get(0).step() + " ran out of memory");
            }
        });

        ReportWriter.Written report = new StudyReports(store, figures).write("failing", workspaceFolder.resolve("out"));

        assertThat(report.html()).isEqualTo(workspaceFolder.resolve("out/report.html"));
        assertThat(report.missing()).singleElement().satisfies(m -> assertThat(m.missingReason())
                .isEqualTo("could not be drawn: fc1 features of first ran out of memory"));
        String html = Files.readString(report.html());
        assertThat(html).contains("t-SNE map of fc1: not available</b> &#8212; could not be drawn: fc1 features of "
                + "first ran out of memory", "<b>Figure 1.</b> Curves");
    }
}
