package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.train.LearningRateSchedule;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TrainingTabTest {
    @TempDir
    static Path workspace;

    private AppModel model;

    @Start
    void start(Stage stage) {
        model = TestWindows.open(stage, workspace, new DatasetTabTest.AnsweringDialogs(), () -> List.of("dense"));
        model.loadDataset(DatasetChoice.MNIST);
    }

    @Test
    void aTinyRunUpdatesTheChartsAndIsListedWithItsBestEpoch(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.dataset() != null);
        TestWindows.selectTab(robot, "training-tab");
        robot.interact(() -> {
            model.architectureProperty().set("dense");
            robot.lookup("#epochs").queryAs(TextField.class).setText("2");
            robot.lookup("#limit-train").queryAs(TextField.class).setText("1500");
            robot.lookup("#training-augmentation").queryAs(TextField.class).setText("flip:0.5");
        });
        assertThat(robot.lookup("#gamma").query().isDisabled()).isFalse();
        @SuppressWarnings("unchecked")
        ChoiceBox<LearningRateSchedule> schedule = robot.lookup("#schedule").queryAs(ChoiceBox.class);
        robot.interact(() -> schedule.setValue(LearningRateSchedule.COSINE));
        // γ belongs to the step schedule only
        assertThat(robot.lookup("#gamma").query().isDisabled()).isTrue();

        robot.clickOn("#start-training");

        LineChart<?, ?> testAccuracy = robot.lookup(".curve-chart").queryAllAs(LineChart.class).stream()
                .filter(chart -> "Test accuracy".equals(chart.getTitle())).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !testAccuracy.getData().isEmpty()
                && testAccuracy.getData().get(0).getData().size() >= 1);
        // the run is listed from its start: wait for its end
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> robot.lookup("#runs-table").queryAs(TableView.class).getItems().size() == 1
                        && robot.lookup("#training-status").queryAs(Label.class).getText().startsWith("Finished")
                        && ((atelier.ui.training.RunRow) robot.lookup("#runs-table").queryAs(TableView.class)
                                .getItems().get(0)).record().status() == atelier.train.RunStatus.COMPLETED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#training-status").queryAs(Label.class).getText()).startsWith("Finished");
        atelier.ui.training.RunRow row = (atelier.ui.training.RunRow) robot.lookup("#runs-table")
                .queryAs(TableView.class).getItems().get(0);
        assertThat(row.record().spec().learningRateSchedule()).isEqualTo(LearningRateSchedule.COSINE);
        assertThat(row.learningRate()).isEqualTo("1.00 (cosine)");
        // 1,500 images in batches of 64 are 24 steps an epoch: epoch 2 starts half way down the curve
        assertThat(row.record().epochs().get(1).learningRate()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(robot.lookup("#best-epoch").queryAs(Label.class).getText()).startsWith("Best epoch: ");
        assertThat(testAccuracy.getData()).isNotEmpty();
        assertThat(testAccuracy.getData().get(0).getData()).hasSize(2);
        LineChart<?, ?> iterations = robot.lookup(".curve-chart").queryAllAs(LineChart.class).stream()
                .filter(chart -> chart.getTitle().contains("per iteration")).findFirst().orElseThrow();
        assertThat(iterations.getData().get(0).getData()).hasSizeGreaterThan(20);
        // each chart group names the run drawn, in the series' own colour
        assertThat(robot.lookup(".run-legend-entry").queryAllAs(Label.class))
                .hasSize(3)
                .allSatisfy(entry -> assertThat(entry.getGraphic().getStyleClass()).contains("default-color0"))
                .extracting(Label::getText).allMatch(text -> !text.isBlank()
                        && text.equals(testAccuracy.getData().get(0).getName()));

        // Load settings puts the run's own settings back into the form, its schedule and augmentation included
        robot.interact(() -> {
            schedule.setValue(LearningRateSchedule.STEP);
            robot.lookup("#epochs").queryAs(TextField.class).setText("7");
            robot.lookup("#training-augmentation").queryAs(TextField.class).setText("none");
            robot.lookup("#runs-table").queryAs(TableView.class).getSelectionModel().select(0);
        });
        robot.clickOn("#load-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(schedule.getValue()).isEqualTo(LearningRateSchedule.COSINE);
        assertThat(robot.lookup("#epochs").queryAs(TextField.class).getText()).isEqualTo("2");
        assertThat(robot.lookup("#training-augmentation").queryAs(TextField.class).getText()).isEqualTo("flip:0.5");
    }
}
