package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelView;
import atelier.data.SmallMislabelledMnist;
import atelier.data.Split;
import atelier.task.Progress;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingListener;
import atelier.train.TrainingService;
import atelier.ui.diagnosis.ComparisonViewModel;
import atelier.ui.diagnosis.DiagnosisViewModel.Suspect;
import atelier.ui.diagnosis.SuspectRanking;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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

    private static Path folder;

    /**
     * A finished run to study: the small dense test network, one epoch on a mislabelled image folder made from
     * the first 2,000 MNIST training and 500 test images with 40 flipped labels (and its truth file beside it).
     */
    @BeforeAll
    static void trainOneRun() throws Exception {
        Workspace space = new Workspace(workspace);
        folder = SmallMislabelledMnist.write(workspace.resolve("mnist_small_mislabelled"), 2000, 500, 40);
        Dataset small = DatasetLoader.load(folder.toString(), Progress.NONE);
        LabelView view = new LabelView(small, space.openJournal(small));
        RunSpec spec = new RunSpec("studied", folder.toString(), "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9,
                64, 2, 0, "none", 1);
        try (TrainingService service = new TrainingService(new RunStore(space.runs()),
                atelier.train.TrainingRunTest.SMALL_DENSE)) {
            assertThat(service.submit(spec, view, TrainingListener.NONE).result().get(2, TimeUnit.MINUTES).status())
                    .isEqualTo(RunStatus.COMPLETED);
        }
    }

    @Start
    void start(Stage stage) {
        model = TestWindows.open(stage, workspace, new DatasetTabTest.AnsweringDialogs(), () -> List.of("dense"));
    }

    private GridView<?> analyze(FxRobot robot) throws Exception {
        TestWindows.selectTab(robot, "diagnosis-tab");
        robot.clickOn("#analyze");
        GridView<?> suspects = robot.lookup("#suspects").queryAs(GridView.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !suspects.getItems().isEmpty());
        return suspects;
    }

    @Test
    void excludesATopLossImageWithADoubleClickAndUndoesIt(FxRobot robot) throws Exception {
        TestWindows.selectTab(robot, "diagnosis-tab");
        Button png = robot.lookup("#matrix-png").queryAs(Button.class);
        assertThat(png.isDisabled()).as("matrix export before an analysis").isTrue();
        assertThat(robot.lookup("#matrix-csv").queryAs(Button.class).isDisabled()).isTrue();
        GridView<?> suspects = analyze(robot);
        assertThat(png.isDisabled()).as("matrix export after the analysis").isFalse();
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
        // the toolbar's Undo and Redo say what the journal can do, as the Dataset tab's do
        Button undo = robot.lookup("#diagnosis-undo").queryAs(Button.class);
        Button redo = robot.lookup("#diagnosis-redo").queryAs(Button.class);
        assertThat(undo.isDisabled()).as("undo after an edit").isFalse();
        assertThat(redo.isDisabled()).as("redo right after a new edit").isTrue();

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.dataset().isExcluded(Split.TRAIN, worst.index()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cell.getStyleClass()).doesNotContain("excluded");
        assertThat(redo.isDisabled()).as("redo after an undo").isFalse();
    }

    @Test
    void ranksByCrossValidationScoresAgainstTheTruthAndComparesARetrainWithTheOriginal(FxRobot robot)
            throws Exception {
        GridView<?> suspects = analyze(robot);
        Label truth = robot.lookup("#truth-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> truth.getText().startsWith("Against the truth file (40"));
        assertThat(truth.isVisible()).isTrue();
        assertThat(robot.lookup("#suspects-page").queryAs(Label.class).getText()).isEqualTo("1–200 of 2,000");

        robot.clickOn("#find-label-errors");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> truth.getText().contains("cross-validated top 40"));
        WaitForAsyncUtils.waitForFxEvents();
        List<Suspect> ranked = suspects.getItems().stream().map(Suspect.class::cast).toList();
        long flagged = ranked.stream().filter(Suspect::flagged).count();
        assertThat(flagged).isPositive();
        // least believable label first: the out-of-sample probability of the label rises down the page
        for (int i = 1; i < ranked.size(); i++) {
            assertThat(ranked.get(i).probLabel()).isGreaterThanOrEqualTo(ranked.get(i - 1).probLabel());
        }
        assertThat(robot.lookup("#ranking").queryAs(ChoiceBox.class).getValue())
                .isEqualTo(SuspectRanking.CROSS_VALIDATED);

        // exclude the first flagged image: the truth summary counts it as removed
        robot.interact(() -> ((GridView<Suspect>) suspects).getItems().stream().findFirst()
                .ifPresent(first -> model.editLabels(view -> view.exclude(Split.TRAIN, first.index()))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> truth.getText().contains("excluded so far (1)"));

        robot.clickOn("#retrain-cleaned");
        ComboBox<?> compareWith = robot.lookup("#compare-with").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> compareWith.getValue() != null);
        // the retrain ran in the Training tab, which shows how it ended and its best epoch
        assertThat(robot.lookup("#training-status").queryAs(Label.class).getText()).startsWith("Finished");
        assertThat(robot.lookup("#best-epoch").queryAs(Label.class).getText()).startsWith("Best epoch:");
        robot.clickOn("#compare");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#comparison #cell-0-0").tryQuery()
                .isPresent() && robot.lookup("#comparison").queryAll().size() == 1
                && robot.lookup("#comparison").queryAs(Node.class).lookupAll(".heatmap-cell").size() == 200);
        TableView<?> summary = robot.lookup("#comparison-summary").queryAs(TableView.class);
        assertThat(summary.getItems()).hasSize(2);
        assertThat(((ComparisonViewModel.Summary) summary.getItems().get(1)).data()).contains("1 excluded");
        assertThat(((ComparisonViewModel.Summary) summary.getItems().get(1)).trainImages()).isEqualTo(1999);

        robot.interact(() -> model.editLabels(view -> view.journal().undo().orElse(null)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> truth.getText().contains("excluded so far (0)"));
    }
}
