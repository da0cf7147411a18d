package atelier.ui;

import atelier.train.RunStore;
import atelier.train.TrainingService;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * The main window as the TestFX tests open it: a workspace of their own, the small dense network for training
 * (fast enough for tests), and a scene that fits Monocle's 1280×800 headless screen.
 */
final class TestWindows {
    private TestWindows() {
    }

    static AppModel open(Stage stage, Path workspace, DialogService dialogs, Supplier<List<String>> architectures) {
        TrainingService training = new TrainingService(new RunStore(workspace.resolve("runs")),
                atelier.train.TrainingRunTest.SMALL_DENSE);
        AppModel model = new AppModel(new Workspace(workspace), new BackgroundTasks(), training);
        MainWindow window = new MainWindow(model, dialogs, architectures);
        Scene scene = new Scene(window.root(), 1260, 780);
        scene.getStylesheets().add(AtelierApp.class.getResource("atelier.css").toExternalForm());
        stage.setScene(scene);
        // TestFX hands every test the same stage: a size an earlier test gave it would otherwise stay
        stage.sizeToScene();
        stage.show();
        return model;
    }

    /** Selects a tab by its id (tab order may change; ids do not). */
    static void selectTab(FxRobot robot, String id) {
        robot.interact(() -> {
            TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream()
                    .filter(tab -> id.equals(tab.getId())).findFirst().orElseThrow());
        });
    }
}
