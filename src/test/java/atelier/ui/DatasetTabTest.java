package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.GridCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DatasetTabTest {
    @TempDir
    static Path workspace;

    private AppModel model;

    @Start
    void start(Stage stage) {
        model = TestWindows.open(stage, workspace, new AnsweringDialogs(), () -> List.of("dense"));
        model.loadDataset(DatasetChoice.FASHION_MNIST);
    }

    @Test
    void relabelsAnImageWithADigitKeyAndUndoesIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.dataset() != null
                && !robot.lookup(".thumbnail").queryAll().isEmpty());
        // the grid lays its cells out over a few pulses after the items arrive
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        int original = model.dataset().label(Split.TRAIN, 0);
        assertThat(model.dataset().dataset().className(original)).isEqualTo("Ankle boot");

        Node first = robot.lookup(".thumbnail").queryAll().stream()
                .filter(n -> n instanceof GridCell<?> cell && Integer.valueOf(0).equals(cell.getItem()))
                .filter(DatasetTabTest::shown)
                .findFirst().orElseThrow();
        robot.clickOn(first);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> "Training image 0".equals(text(robot, "#selected-title")));

        robot.type(KeyCode.DIGIT3);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.dataset().label(Split.TRAIN, 0) == 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(first.getStyleClass()).contains("relabelled");
        assertThat(text(robot, "#selected-title")).isEqualTo("Training image 1");
        List<String> journal = journalLines();
        assertThat(journal).singleElement().asString().contains("\"op\":\"relabel\"").contains("\"label\":3");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.dataset().label(Split.TRAIN, 0) == original);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(first.getStyleClass()).doesNotContain("relabelled");
        assertThat(text(robot, "#selected-title")).isEqualTo("Training image 0");
        assertThat(journalLines()).hasSize(2).last().asString().contains("\"op\":\"undo\"");
        assertThat(model.dataset().dataset().train().label(0)).isEqualTo(original);
    }

    /** The virtual flow keeps spare cells out of sight; only a cell whose row is visible can be clicked. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static List<String> journalLines() throws Exception {
        try (var files = Files.list(workspace.resolve("journals"))) {
            Path journal = files.filter(p -> p.getFileName().toString().startsWith("fashion-mnist"))
                    .findFirst().orElseThrow();
            return Files.readAllLines(journal);
        }
    }

    /** Tests never open real dialogs: errors fail the test, questions are declined. */
    static class AnsweringDialogs implements DialogService {
        @Override
        public Optional<Path> chooseDirectory(String title, Path initial) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseNewFolder(String title, Path suggestion) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseOpenFile(String title, Path initialFolder, String extension) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseSaveFile(String title, String suggestedName) {
            return Optional.empty();
        }

        @Override
        public Optional<MislabelSettings> askMislabelSettings(MislabelSettings suggestion) {
            return Optional.empty();
        }

        @Override
        public void showError(String title, String message) {
            throw new AssertionError(title + ": " + message);
        }

        @Override
        public void notify(String message) {
        }
    }
}
