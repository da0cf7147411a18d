package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.model.ArchitectureCatalog;
import atelier.ui.architecture.ArchitectureEntry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Fault 10: Enter in a text field of the Architecture tab pressed "Use for training". */
@ExtendWith(ApplicationExtension.class)
class ArchitectureTabEnterTest {
    @TempDir
    static Path workspace;

    private AppModel model;

    @Start
    void start(Stage stage) {
        model = TestWindows.open(stage, workspace, new DatasetTabTest.AnsweringDialogs(), ArchitectureCatalog::names);
    }

    @Test
    void enterInATextFieldDoesNotHandTheArchitectureToTraining(FxRobot robot) throws Exception {
        TestWindows.selectTab(robot, "architecture-tab");
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Node encoder = robot.lookup(".architecture-cell").queryAll().stream()
                .filter(node -> node instanceof ListCell<?> cell && cell.getItem() instanceof ArchitectureEntry entry
                        && entry.name().equals("encoder"))
                .findFirst().orElseThrow();
        robot.clickOn(encoder);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !robot.lookup("#layer-table").queryAs(TableView.class).getItems().isEmpty());

        robot.clickOn("#arch-classes").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("10").type(KeyCode.ENTER);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.architectureProperty().get()).as("the next run's architecture").isEqualTo("mnist-net");
        assertThat(robot.lookup("#use-message").queryAs(Label.class).getText()).isEmpty();
    }
}
