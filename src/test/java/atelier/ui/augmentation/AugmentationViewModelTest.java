package atelier.ui.augmentation;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.augment.TransformKind;
import atelier.train.RunStore;
import atelier.train.TrainingRunTest;
import atelier.train.TrainingService;
import atelier.ui.AppModel;
import atelier.ui.BackgroundTasks;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing the pipeline without a screen: previews would be drawn on the calling thread. */
class AugmentationViewModelTest {
    @TempDir
    Path workspace;

    private TrainingService training;
    private AppModel app;
    private AugmentationViewModel model;

    @BeforeEach
    void open() {
        training = new TrainingService(new RunStore(workspace.resolve("runs")), TrainingRunTest.SMALL_DENSE);
        app = new AppModel(new Workspace(workspace), new BackgroundTasks(), training);
        model = new AugmentationViewModel(app, Runnable::run, Runnable::run);
    }

    @AfterEach
    void close() {
        training.close();
        app.tasks().shutdown();
    }

    @Test
    void startsWithTheIssuesPipelineAndKeepsItsTextInStepWithEdits() {
        assertThat(model.pipelineTextProperty().get()).isEqualTo("flip:0.5,crop:4,rotate:10,erase:0.5");
        model.selectedStepProperty().set(1);
        model.add(TransformKind.ELASTIC);
        assertThat(model.selectedStepProperty().get()).isEqualTo(2);
        assertThat(model.pipelineTextProperty().get()).isEqualTo("flip:0.5,crop:4,elastic:34,rotate:10,erase:0.5");
        model.move(2, -1);
        assertThat(model.pipelineTextProperty().get()).isEqualTo("flip:0.5,elastic:34,crop:4,rotate:10,erase:0.5");
        assertThat(model.selectedStepProperty().get()).isEqualTo(1);
        model.remove(0);
        assertThat(model.pipelineTextProperty().get()).isEqualTo("elastic:34,crop:4,rotate:10,erase:0.5");
        assertThat(model.setParameter(1, "padding", 2)).isTrue();
        assertThat(model.setParameter(1, "fill", 3)).isTrue();
        assertThat(model.pipelineTextProperty().get()).isEqualTo("elastic:34,crop:2:fill=reflect,rotate:10,erase:0.5");
    }

    @Test
    void refusesValuesOutOfRangeWithTheRangeAndKeepsThePipeline() {
        assertThat(model.setParameter(1, "padding", 40)).isFalse();
        assertThat(model.errorProperty().get()).isEqualTo("crop: padding must be a whole number from 0 to 16, not '40'");
        assertThat(model.pipeline().text()).isEqualTo("flip:0.5,crop:4,rotate:10,erase:0.5");
        model.pipelineTextProperty().set("flip:0.5,blur:2");
        assertThat(model.applyText()).isFalse();
        assertThat(model.errorProperty().get()).contains("unknown transform 'blur'");
        assertThat(model.steps()).hasSize(4);
        model.pipelineTextProperty().set("vflip:1, noise:0.2");
        assertThat(model.applyText()).isTrue();
        assertThat(model.pipeline().text()).isEqualTo("vflip:1,noise:0.2");
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void useForTrainingSetsTheNextRunsAugmentationInTheAppModel() {
        model.setParameter(0, "p", 0.25);
        model.useForTraining();
        assertThat(app.augmentationProperty().get()).isEqualTo("flip:0.25,crop:4,rotate:10,erase:0.5");
        assertThat(model.messageProperty().get()).contains("flip:0.25,crop:4,rotate:10,erase:0.5");
    }
}
