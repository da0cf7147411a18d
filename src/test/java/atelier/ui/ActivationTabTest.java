package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.data.SmallMislabelledMnist;
import atelier.task.Progress;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingListener;
import atelier.train.TrainingService;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Activation tab: start an ascent on a finished run, stop it part-way, continue it, and open a class in Diagnosis. */
@ExtendWith(ApplicationExtension.class)
class ActivationTabTest {
    @TempDir
    static Path workspace;

    @BeforeAll
    static void trainOneRun() throws Exception {
        Workspace space = new Workspace(workspace);
        Path folder = SmallMislabelledMnist.write(workspace.resolve("mnist_small"), 1000, 300, 10);
        Dataset small = DatasetLoader.load(folder.toString(), Progress.NONE);
        LabelView view = new LabelView(small, space.openJournal(small));
        RunSpec spec = new RunSpec("dreamed", folder.toString(), "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9,
                64, 1, 0, "none", 1);
        try (TrainingService service = new TrainingService(new RunStore(space.runs()),
                atelier.train.TrainingRunTest.SMALL_DENSE)) {
            assertThat(service.submit(spec, view, TrainingListener.NONE).result().get(2, TimeUnit.MINUTES).status())
                    .isEqualTo(RunStatus.COMPLETED);
        }
    }

    private AppModel model;

    @Start
    void start(Stage stage) {
        model = TestWindows.open(stage, workspace, new DatasetTabTest.AnsweringDialogs(), () -> List.of("dense"));
    }

    @Test
    void startsStopsAndContinuesTheAscentThenOpensAClassInDiagnosis(FxRobot robot) throws Exception {
        TestWindows.selectTab(robot, "activation-tab");
        Button exportImage = robot.lookup("#actmax-export-image").queryAs(Button.class);
        Button exportFigure = robot.lookup("#actmax-export-figure").queryAs(Button.class);
        assertThat(exportImage.isDisabled()).as("export before any ascent").isTrue();
        assertThat(robot.lookup("#actmax-export-gallery").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(exportFigure.isDisabled()).isTrue();
        TextField steps = robot.lookup("#actmax-steps").queryAs(TextField.class);
        robot.interact(() -> steps.setText("100000"));
        robot.clickOn("#actmax-start");
        Label status = robot.lookup("#actmax-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> status.getText().startsWith("Step "));
        Button stop = robot.lookup("#actmax-stop").queryAs(Button.class);
        assertThat(stop.isDisabled()).isFalse();
        robot.clickOn("#actmax-stop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Stopped at step"));
        WaitForAsyncUtils.waitForFxEvents();
        int stoppedAt = Integer.parseInt(status.getText().replaceAll("^Stopped at step (\\d+).*$", "$1"));
        assertThat(stoppedAt).isPositive().isLessThan(100_000);
        assertThat(robot.lookup("#actmax-gallery").queryAs(FlowPane.class).getChildren()).hasSize(10);
        assertThat(robot.lookup("#actmax-start").queryAs(Button.class).isDisabled()).isFalse();

        robot.interact(() -> steps.setText("10"));
        robot.clickOn("#actmax-continue");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> status.getText().startsWith("Done at step "
                + (stoppedAt + 10)));
        // the gallery is rebuilt when the new quality measures arrive; running ends after that
        Button start = robot.lookup("#actmax-start").queryAs(Button.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !start.isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#actmax-accuracy-3").tryQuery()).isPresent();
        assertThat(robot.lookup("#actmax-summary").queryAs(Label.class).getText()).contains("Spearman's rho");
        assertThat(exportImage.isDisabled()).as("export after an ascent").isFalse();
        assertThat(exportFigure.isDisabled()).as("figure once the quality measures are in").isFalse();

        // start from a chosen image: the one selected in the Dataset tab, pixel for pixel
        robot.interact(() -> {
            model.selectedImageProperty().set(new SelectedImage(atelier.data.Split.TEST, 5));
            robot.lookup("#actmax-start-image").queryAs(javafx.scene.control.ComboBox.class)
                    .getSelectionModel().select(atelier.analysis.actmax.StartImage.IMAGE);
            steps.setText("1");
        });
        robot.clickOn("#actmax-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> status.getText().startsWith("Done at step 1"));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !start.isDisabled());
        assertThat(status.getText()).doesNotContain("select one there first");

        robot.clickOn("#actmax-accuracy-3");
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "diagnosis-tab".equals(tabs.getSelectionModel().getSelectedItem().getId()));
    }

}
