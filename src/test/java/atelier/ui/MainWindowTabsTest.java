package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window opens with only the Dataset tab laid out; the others are built when shown or once data is open. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTabsTest {
    static {
        System.setProperty("testfx.setup.timeout", "60000");
    }

    @TempDir
    static Path workspace;

    private AppModel model;

    @org.junit.jupiter.api.BeforeAll
    static void loadNd4jBeforeTheWindow() {
        if (atelier.nd4j.Nd4jSetup.current() == null) {
            atelier.nd4j.Nd4jSetup.configure();
        }
    }

    @Start
    void start(Stage stage) {
        model = TestWindows.open(stage, workspace, new DatasetTabTest.AnsweringDialogs(), () -> List.of("dense"));
    }

    @Test
    void tabsAreLaidOutWhenFirstShownAndAllOfThemOnceADatasetIsOpen(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertThat(tabs.getTabs().get(0).getContent()).isNotNull();
        assertThat(tabs.getTabs().subList(1, tabs.getTabs().size())).extracting(Tab::getContent)
                .containsOnlyNulls();

        TestWindows.selectTab(robot, "training-tab");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tab(tabs, "training-tab").getContent()).isNotNull();
        assertThat(tab(tabs, "search-tab").getContent()).isNull();

        robot.interact(() -> model.loadDataset(DatasetChoice.MNIST));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> tabs.getTabs().stream().allMatch(t -> t.getContent() != null));
    }

    private static Tab tab(TabPane tabs, String id) {
        return tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
    }
}
