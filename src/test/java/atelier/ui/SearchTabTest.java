package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.model.LayerSpecText;
import atelier.search.SearchState;
import atelier.search.SearchStore;
import atelier.search.TestSpaces;
import atelier.train.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Search tab end to end: a tiny search from the form, its table and plots, and a trial handed on. */
@ExtendWith(ApplicationExtension.class)
class SearchTabTest {
    @TempDir
    static Path workspace;

    private AppModel model;
    private final List<RunSpec> requested = new ArrayList<>();

    @Start
    void start(Stage stage) {
        model = TestWindows.open(stage, workspace, new DatasetTabTest.AnsweringDialogs(), () -> List.of("dense"));
        model.events().subscribe(AppEvents.TrainingRequested.class, r -> requested.add(r.spec()));
        model.loadDataset(DatasetChoice.MNIST);
    }

    @Test
    void theFormKeepsItsLabelsAndButtonsWholeInANarrowWindow(FxRobot robot) {
        TestWindows.selectTab(robot, "search-tab");
        Stage window = (Stage) robot.lookup("#open-search").query().getScene().getWindow();
        // headless text is narrower than a desktop's: 860 pixels here crowd the form as 1024 do under Xvfb
        robot.interact(() -> {
            window.setWidth(860);
            window.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#search-limit", "#rung-images", "#validation-images")) {
            javafx.scene.Node field = robot.lookup(id).query();
            javafx.scene.layout.GridPane form = (javafx.scene.layout.GridPane) field.getParent();
            Label label = (Label) form.getChildren().stream()
                    .filter(n -> n instanceof Label && javafx.scene.layout.GridPane.getRowIndex(n)
                            .equals(javafx.scene.layout.GridPane.getRowIndex(field)))
                    .findFirst().orElseThrow();
            assertThat(label.getWidth()).as(label.getText()).isGreaterThanOrEqualTo(label.prefWidth(-1) - 0.5);
        }
        for (String id : List.of("#open-search", "#resume-search")) {
            javafx.scene.control.Button button = robot.lookup(id).queryAs(javafx.scene.control.Button.class);
            assertThat(button.getWidth()).as(button.getText()).isGreaterThanOrEqualTo(button.prefWidth(-1) - 0.5);
        }
    }

    @Test
    void aSearchFromTheFormFillsTheTableAndPlotsAndHandsATrialOn(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.dataset() != null);
        TestWindows.selectTab(robot, "search-tab");
        robot.interact(() -> {
            robot.lookup("#space-editor").queryAs(TextArea.class).setText("{ broken");
        });
        assertThat(robot.lookup("#space-problem").queryAs(Label.class).getText()).isNotEmpty();
        assertThat(robot.lookup("#start-search").query().isDisabled()).isTrue();
        robot.interact(() -> {
            robot.lookup("#space-editor").queryAs(TextArea.class).setText(TestSpaces.TINY_JSON);
            robot.lookup("#budget").queryAs(TextField.class).setText("0.5");
            robot.lookup("#search-name").queryAs(TextField.class).setText("tab");
            robot.lookup("#search-limit").queryAs(TextField.class).setText("500");
            robot.lookup("#rung-images").queryAs(TextField.class).setText("100");
            robot.lookup("#validation-images").queryAs(TextField.class).setText("100");
            robot.lookup("#final-models").queryAs(TextField.class).setText("1");
        });
        assertThat(robot.lookup("#space-problem").queryAs(Label.class).getText()).isEmpty();

        javafx.scene.Node startButton = robot.lookup("#start-search").query();
        TableView<?> trialsTable = robot.lookup("#trials-table").queryAs(TableView.class);
        robot.clickOn("#start-search");

        // poll the nodes found once: a lookup walks the scene graph, which the FX thread changes meanwhile
        WaitForAsyncUtils.waitFor(150, TimeUnit.SECONDS, () -> !startButton.isDisabled()
                && !trialsTable.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        SearchState done = SearchStore.of(model.workspace()).load("tab");
        assertThat(done.phase()).isEqualTo(SearchState.Phase.DONE);
        TableView<?> table = robot.lookup("#trials-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(done.trials().size());
        assertThat(robot.lookup("#search-status").queryAs(Label.class).getText()).contains("Final test accuracy");
        assertThat(robot.lookup("#budget-text").queryAs(Label.class).getText()).startsWith("Done");
        LineChart<?, ?> scatter = robot.lookup("#search-scatter").queryAs(LineChart.class);
        long plotted = scatter.getData().stream().filter(s -> s.getName().startsWith("rung"))
                .mapToLong(s -> s.getData().size()).sum();
        assertThat(plotted).isEqualTo(done.trials().stream().filter(t -> t.rung() >= 0).count());
        assertThat(scatter.getData().stream().filter(s -> s.getName().equals("Pareto front")).findFirst()
                .orElseThrow().getData()).isNotEmpty();

        robot.interact(() -> table.getSelectionModel().select(0));
        LineChart<?, ?> curves = robot.lookup("#trial-accuracy").queryAs(LineChart.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !curves.getData().isEmpty());
        assertThat(robot.lookup("#trial-curve-title").queryAs(Label.class).getText()).startsWith("Trial 0");

        robot.clickOn("#train-trial");
        assertThat(requested).hasSize(1);
        assertThat(requested.get(0).layers()).isEqualTo(done.trials().get(0).layers());
        assertThat(requested.get(0).epochs()).isEqualTo(10);
        // the Training tab took the request and trains it: stop that 10-epoch run before this test's folder goes
        javafx.scene.control.Button cancel = robot.lookup("#cancel-training").queryAs(javafx.scene.control.Button.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !cancel.isDisabled());
        robot.interact(cancel::fire);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, cancel::isDisabled);

        robot.clickOn("#open-in-architecture");
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("architecture-tab");
        String custom = robot.lookup("#custom-text").queryAs(TextField.class).getText();
        assertThat(LayerSpecText.parse(custom)).isEqualTo(LayerSpecText.parse(done.trials().get(0).layers()));
    }
}
