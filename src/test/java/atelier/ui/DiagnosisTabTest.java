package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.data.Split;
import atelier.task.Progress;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingListener;
import atelier.train.TrainingService;
import atelier.ui.diagnosis.DiagnosisViewModel.Suspect;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DiagnosisTabTest {
    @TempDir
    static Path workspace;

    private AppModel model;

    /** A finished run to study: the small dense test network, one epoch on 2,000 MNIST images. */
    @BeforeAll
    static void trainOneRun() throws Exception {
        Workspace space = new Workspace(workspace);
        Dataset mnist = DatasetLoader.load("mnist", Progress.NONE);
        LabelView view = new LabelView(mnist, LabelJournal.open(space.journalFor(mnist.source())));
        RunSpec spec = new RunSpec("studied", "mnist", "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9, 64, 1,
                2000, "none", 1);
        try (TrainingService service = new TrainingService(new RunStore(space.runs()),
                atelier.train.TrainingRunTest.SMALL_DENSE)) {
            assertThat(service.submit(spec, view, TrainingListener.NONE).result().get(2, TimeUnit.MINUTES).status())
                    .isEqualTo(RunStatus.COMPLETED);
        }
    }

    @Start
    void start(Stage stage) {
        TrainingService training = new TrainingService(new RunStore(workspace.resolve("runs")),
                atelier.train.TrainingRunTest.SMALL_DENSE);
        model = new AppModel(new Workspace(workspace), new BackgroundTasks(), training);
        MainWindow window = new MainWindow(model, new DatasetTabTest.AnsweringDialogs(), () -> List.of("dense"));
        Scene scene = new Scene(window.root(), 1260, 780);
        scene.getStylesheets().add(AtelierApp.class.getResource("atelier.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void excludesATopLossImageWithADoubleClickAndUndoesIt(FxRobot robot) throws Exception {
        robot.interact(() -> {
            TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream()
                    .filter(tab -> "diagnosis-tab".equals(tab.getId())).findFirst().orElseThrow());
        });
        robot.clickOn("#analyze");
        GridView<?> suspects = robot.lookup("#suspects").queryAs(GridView.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !suspects.getItems().isEmpty());
        assertThat(robot.lookup("#cell-0-0").tryQuery()).isPresent();
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Suspect worst = (Suspect) suspects.getItems().get(0);
        assertThat(worst.loss()).isGreaterThanOrEqualTo(((Suspect) suspects.getItems().get(1)).loss());
        Node cell = robot.lookup(".suspect").queryAll().stream()
                .filter(n -> n instanceof GridCell<?> c && worst.equals(c.getItem()) && n.isVisible())
                .findFirst().orElseThrow();

        robot.doubleClickOn(cell);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.dataset().isExcluded(Split.TRAIN, worst.index()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cell.getStyleClass()).contains("excluded");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.dataset().isExcluded(Split.TRAIN, worst.index()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cell.getStyleClass()).doesNotContain("excluded");
    }
}
