package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.SmallMislabelledMnist;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
 * Faults seen in the Training tab: a finished run blanked the charts of the runs selected (1), the previous
 * run's best epoch stayed on screen during and after the next run (2), and a run started here was missing from the
 * runs list until it ended ("No runs yet" while it trained) (3).
 */
@ExtendWith(ApplicationExtension.class)
class TrainingTabFaultsTest {
    @TempDir
    static Path workspace;
    private static Path folder;

    private AppModel model;

    @BeforeAll
    static void smallDataset() {
        folder = SmallMislabelledMnist.write(workspace.resolve("small"), 600, 300, 0);
    }

    @Start
    void start(Stage stage) {
        model = TestWindows.open(stage, workspace, new ErrorsAllowed(), () -> List.of("dense"));
        model.loadDataset(new DatasetChoice(folder.toString(), "small"));
    }

    /** Answers as the other tab tests do, but takes the error a diverged run shows instead of failing on it. */
    static final class ErrorsAllowed implements DialogService {
        private final DatasetTabTest.AnsweringDialogs others = new DatasetTabTest.AnsweringDialogs();

        @Override
        public java.util.Optional<Path> chooseDirectory(String title, Path initial) {
            return others.chooseDirectory(title, initial);
        }

        @Override
        public java.util.Optional<Path> chooseNewFolder(String title, Path suggestion) {
            return others.chooseNewFolder(title, suggestion);
        }

        @Override
        public java.util.Optional<Path> chooseOpenFile(String title, Path initialFolder, String extension) {
            return others.chooseOpenFile(title, initialFolder, extension);
        }

        @Override
        public java.util.Optional<Path> chooseSaveFile(String title, String suggestedName) {
            return others.chooseSaveFile(title, suggestedName);
        }

        @Override
        public java.util.Optional<MislabelSettings> askMislabelSettings(MislabelSettings suggestion) {
            return others.askMislabelSettings(suggestion);
        }

        @Override
        public void showError(String title, String message) {
        }

        @Override
        public void notify(String message) {
        }
    }

    private void train(FxRobot robot, String name, String optimizer, String learningRate) throws Exception {
        robot.interact(() -> {
            model.architectureProperty().set("dense");
            robot.lookup("#epochs").queryAs(TextField.class).setText("1");
            robot.lookup("#run-name").queryAs(TextField.class).setText(name);
            robot.lookup("#learning-rate").queryAs(TextField.class).setText(learningRate);
            ((ChoiceBox<String>) robot.lookup("#training-view .choice-box").queryAs(ChoiceBox.class))
                    .setValue(optimizer);
        });
        int before = onFx(() -> runsTable(robot).getItems().size());
        robot.clickOn("#start-training");
        // read on the FX thread: the runs list changes under a reader on another thread
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> runsTable(robot).getItems().size()
                == before + 1
                && !robot.lookup("#training-status").queryAs(Label.class).getText().startsWith("Epoch")
                && !robot.lookup("#training-status").queryAs(Label.class).getText().startsWith("Preparing")));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static TableView<?> runsTable(FxRobot robot) {
        return robot.lookup("#runs-table").queryAs(TableView.class);
    }

    private static LineChart<?, ?> testAccuracy(FxRobot robot) {
        return robot.lookup(".curve-chart").queryAllAs(LineChart.class).stream()
                .filter(chart -> "Test accuracy".equals(chart.getTitle())).findFirst().orElseThrow();
    }

    private void openDataset(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.dataset() != null);
        TestWindows.selectTab(robot, "training-tab");
    }

    @Test
    void aRunThatFinishesKeepsTheSelectedRunsDrawn(FxRobot robot) throws Exception {
        openDataset(robot);
        train(robot, "first", "adadelta", "1.0");
        robot.interact(() -> {
            runsTable(robot).getSelectionModel().clearSelection();
            runsTable(robot).getSelectionModel().select(0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(testAccuracy(robot).getData()).hasSize(1);

        train(robot, "second", "adadelta", "1.0");

        assertThat(runsTable(robot).getSelectionModel().getSelectedItems()).as("the first run stays selected, "
                + "the new one joins it").hasSize(2);
        assertThat(testAccuracy(robot).getData()).hasSize(2)
                .allSatisfy(series -> assertThat(series.getData()).hasSize(1));
    }

    @Test
    void theBestEpochShownIsTheRunShownsOwn(FxRobot robot) throws Exception {
        openDataset(robot);
        train(robot, "good", "adadelta", "1.0");
        assertThat(robot.lookup("#best-epoch").queryAs(Label.class).getText()).startsWith("Best epoch: 1");

        train(robot, "wild", "sgd", "1e9");

        assertThat(robot.lookup("#training-status").queryAs(Label.class).getText()).contains("diverged");
        assertThat(robot.lookup("#best-epoch").queryAs(Label.class).getText()).as("the diverged run has no best")
                .isEmpty();
    }

    @Test
    void aRunIsListedWhileItTrains(FxRobot robot) throws Exception {
        openDataset(robot);
        robot.interact(() -> {
            model.architectureProperty().set("dense");
            // long enough to be still training when the list is read, however fast the machine
            robot.lookup("#epochs").queryAs(TextField.class).setText("500");
            robot.lookup("#run-name").queryAs(TextField.class).setText("live");
        });
        robot.clickOn("#start-training");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> runsTable(robot).getItems().stream()
                .map(atelier.ui.training.RunRow.class::cast).anyMatch(row -> row.name().equals("live"))));
        atelier.ui.training.RunRow listed = onFx(() -> runsTable(robot).getItems().stream()
                .map(atelier.ui.training.RunRow.class::cast).filter(row -> row.name().equals("live")).findFirst()
                .orElseThrow());
        assertThat(listed.record().status()).isIn(atelier.train.RunStatus.RUNNING, atelier.train.RunStatus.PAUSED);
        // its row follows it: epochs appear while it trains, and its end
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> runsTable(robot).getItems().stream()
                .map(atelier.ui.training.RunRow.class::cast).anyMatch(row -> row.name().equals("live")
                        && row.record().epochs().size() >= 2)));
        robot.clickOn("#cancel-training");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> runsTable(robot).getItems().stream()
                .map(atelier.ui.training.RunRow.class::cast).anyMatch(row -> row.name().equals("live")
                        && row.record().status() == atelier.train.RunStatus.CANCELLED)));
    }
}
