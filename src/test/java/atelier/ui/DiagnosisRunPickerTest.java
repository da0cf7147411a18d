package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelView;
import atelier.data.SmallMislabelledMnist;
import atelier.task.Progress;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingListener;
import atelier.train.TrainingService;
import atelier.ui.training.RunRow;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Fault 7: choosing an older run with the mouse in the Diagnosis tab's run picker snapped back to the newest. And the
 * picker's first choice is the newest run that has ended, not one still training.
 */
@ExtendWith(ApplicationExtension.class)
class DiagnosisRunPickerTest {
    @TempDir
    static Path workspace;
    private static atelier.train.RunLock training;

    @BeforeAll
    static void twoRuns() throws Exception {
        Workspace space = new Workspace(workspace);
        Path folder = SmallMislabelledMnist.write(workspace.resolve("small"), 500, 200, 0);
        Dataset small = DatasetLoader.load(folder.toString(), Progress.NONE);
        LabelView view = new LabelView(small, space.openJournal(small));
        try (TrainingService service = new TrainingService(new RunStore(space.runs()),
                atelier.train.TrainingRunTest.SMALL_DENSE)) {
            for (String name : List.of("older", "newer")) {
                RunSpec spec = new RunSpec(name, folder.toString(), "dense", "xavier", false, "adadelta", 1.0, 0.7,
                        0.9, 64, 1, 0, "none", 1);
                assertThat(service.submit(spec, view, TrainingListener.NONE).result().get(2, TimeUnit.MINUTES)
                        .status()).isEqualTo(RunStatus.COMPLETED);
                Thread.sleep(1100);
            }
        }
        // a newer run that is still training: its record says running, and this process holds its lock
        Path newer = new RunStore(space.runs()).resolve("newer");
        Path live = space.runs().resolve("99991231-235959-live");
        java.nio.file.Files.createDirectories(live);
        for (String file : List.of(RunStore.RECORD, RunStore.BEST, RunStore.LAST)) {
            java.nio.file.Files.copy(newer.resolve(file), live.resolve(file));
        }
        String record = java.nio.file.Files.readString(live.resolve(RunStore.RECORD))
                .replace("\"COMPLETED\"", "\"RUNNING\"").replace("\"newer\"", "\"live\"");
        java.nio.file.Files.writeString(live.resolve(RunStore.RECORD), record);
        training = atelier.train.RunLock.acquire(live);
    }

    @org.junit.jupiter.api.AfterAll
    static void stopTraining() {
        training.close();
    }

    @Start
    void start(Stage stage) {
        TestWindows.open(stage, workspace, new DatasetTabTest.AnsweringDialogs(), () -> List.of("dense"));
    }

    @Test
    void anOlderRunChosenWithTheMouseStaysChosen(FxRobot robot) throws Exception {
        TestWindows.selectTab(robot, "diagnosis-tab");
        ComboBox<?> picker = robot.lookup("#diagnosis-run").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> picker.getItems().size() == 3
                && picker.getValue() != null);
        assertThat(picker.getItems()).extracting(row -> ((RunRow) row).name()).containsExactly("live", "newer",
                "older");
        assertThat(((RunRow) picker.getValue()).name()).as("the newest run that has ended").isEqualTo("newer");

        robot.clickOn(picker);
        WaitForAsyncUtils.waitForFxEvents();
        Node older = robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
                .filter(cell -> cell instanceof ListCell<?> c && c.getText() != null && c.getText().startsWith("older"))
                .findFirst().orElseThrow();
        robot.clickOn(older);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((RunRow) picker.getValue()).name()).isEqualTo("older");

        // opening a picker again (this one, or the before/after one) must not undo the choice
        for (String id : List.of("#compare-with", "#diagnosis-run")) {
            robot.clickOn(id);
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
            robot.type(javafx.scene.input.KeyCode.ESCAPE);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(picker.getValue()).as("after opening " + id).isNotNull();
            assertThat(((RunRow) picker.getValue()).name()).as("after opening " + id).isEqualTo("older");
        }
    }
}
