package atelier.study;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.report.FigureSlot;
import atelier.task.Progress;
import atelier.train.RunStore;
import atelier.train.TrainingRunTest;
import atelier.train.TrainingService;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in sheets as plans: what they train, what they compare, and the 18x18 finding, without training. */
class SheetsTest {
    @TempDir
    Path workspace;

    @Test
    void theFashionSheetTrainsFourCasesAndFinetunesFromTheMnistRunsBestEpoch() {
        StudyStore store = new StudyStore(new Workspace(workspace));
        store.save(Sheets.fashion("sheet1", 10, 0));
        StudyPlan plan = store.plan("sheet1");

        assertThat(plan.steps()).extracting(StudyStep::key).containsExactly("baseline", "augmentation", "batchnorm",
                "mnist-pretraining", "finetuning", "baseline-confusion");
        assertThat(plan.steps()).filteredOn(StudyStep::trains).allSatisfy(step -> {
            assertThat(step.spec().epochs()).isEqualTo(10);
            assertThat(step.spec().optimizer()).isEqualTo("adadelta");
        });
        StudyStep finetuning = plan.step("finetuning").orElseThrow();
        assertThat(finetuning.initFrom()).isEqualTo("mnist-pretraining");
        assertThat(finetuning.spec().freezeAllButLast()).isTrue();
        assertThat(finetuning.spec().dataset()).isEqualTo("fashion");
        assertThat(plan.step("mnist-pretraining").orElseThrow().spec().dataset()).isEqualTo("mnist");
        assertThat(plan.step("batchnorm").orElseThrow().spec().architecture()).isEqualTo("mnist-net-bn");
        assertThat(plan.step("augmentation").orElseThrow().spec().augmentation()).isEqualTo("flip:0.5,crop:4");
        // Q1.4 adds batch normalization to the augmented network of Q1.3
        assertThat(plan.step("batchnorm").orElseThrow().spec().augmentation()).isEqualTo("flip:0.5,crop:4");
        assertThat(plan.figures()).filteredOn(slot -> slot.name().equals("learning-curves"))
                .extracting(FigureSlot::option).containsExactly("train", "test");
        assertThat(plan.figures()).extracting(FigureSlot::name).contains("tsne-fc1", "activation-maximization",
                "confusion", "accuracy-vs-quality", "augmentation-transforms");
    }

    @Test
    void theArchitecturesSheetStatesWhyVgg16RefusesEighteenPixelsAndSkipsWhatItCannotDo() {
        StudyStore store = new StudyStore(new Workspace(workspace));
        StudyPlan sheet = Sheets.architectures("sheet2", 1, 100, workspace.resolve("data/mnist_png_mislabelled"));
        assertThat(sheet.step("vgg16-pretrained").orElseThrow().initFrom()).isEqualTo("vgg16-pretraining");
        assertThat(sheet.step("cleaned").orElseThrow().cleanedBy()).isEqualTo("mislabelled-clean");
        // only the finding and a step that depends on an unfinished one: nothing trains
        store.save(new StudyPlan(StudyPlan.SCHEMA_VERSION, "finding", "custom", "18x18", List.of(), 1, 100,
                Instant.now().toString(), List.of(sheet.step("vgg16-18x18").orElseThrow(),
                        sheet.step("mislabelled-confusion").orElseThrow()), List.of()));

        StudyState state;
        try (TrainingService service = new TrainingService(new RunStore(workspace.resolve("runs")),
                TrainingRunTest.SMALL_DENSE)) {
            state = new StudyRunner(store, service, StudyListener.NONE, Progress.NONE).run("finding");
        }

        StepState finding = state.step("vgg16-18x18");
        assertThat(finding.status()).isEqualTo(StepStatus.DONE);
        assertThat(finding.message()).contains("Refused before any network is built", "at least 32x32",
                "The sheet's encoder takes 18x18");
        StepState skipped = state.step("mislabelled-confusion");
        assertThat(skipped.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(skipped.message()).isEqualTo("not run: it needs step mislabelled, which has not run");
    }
}
