package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.model.ArchitectureCatalog;
import atelier.model.BuiltModel;
import atelier.model.Checkpoints;
import atelier.model.InputShape;
import atelier.model.LayerSpec;
import atelier.model.ModelOptions;
import atelier.ui.architecture.ArchitectureEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.deeplearning4j.common.resources.DL4JResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Architecture tab on a headless screen, with no dataset open (so 28x28x1 and 10 classes). */
@ExtendWith(ApplicationExtension.class)
class ArchitectureTabTest {
    @TempDir
    static Path workspace;

    private AppModel model;
    private final CheckpointDialogs dialogs = new CheckpointDialogs();

    @Start
    void start(Stage stage) {
        model = TestWindows.open(stage, workspace, dialogs, ArchitectureCatalog::names);
    }

    @Test
    void showsTotalsRefusesVgg16At18x18ChecksCustomRowsAndHandsTheChoiceToTraining(FxRobot robot)
            throws Exception {
        openTab(robot);

        robot.clickOn(cell(robot, "mnist-net"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#totals").contains("1,199,882")
                && robot.lookup("#layer-table").queryAs(TableView.class).getItems().size() == 7);
        assertThat(text(robot, "#arch-title")).startsWith("mnist-net");
        assertThat(text(robot, "#totals")).isEqualTo("Total: 1,199,882 trainable · 0 non-trainable");

        robot.clickOn("#arch-input").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("18x18x1");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !entry(robot, "vgg16").summary().fits());
        assertThat(entry(robot, "vgg16").summary().refusal()).contains("at least 32x32");
        robot.clickOn(cell(robot, "vgg16"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#arch-problems .problem").queryAs(Label.class).getText())
                .startsWith("vgg16 cannot take 18x18x1 input: VGG16 needs images of at least 32x32");
        assertThat(text(robot, "#totals")).isEqualTo("No totals: the input does not fit.");

        robot.clickOn(cell(robot, "custom"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#custom-layer-0-kernel").tryQuery()
                .isPresent());
        robot.clickOn("#custom-layer-0-kernel").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("40");
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#custom-layer-0-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("a 40x40 kernel does not fit the 18x18 input");
        assertThat(entry(robot, "custom").summary().fits()).isFalse();

        robot.clickOn("#use-for-training");
        assertThat(text(robot, "#use-message")).contains("conv1: a 40x40 kernel");
        assertThat(model.architectureProperty().get()).isEqualTo("mnist-net");

        robot.clickOn("#custom-layer-0-kernel").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("5");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.isVisible()).isFalse();
        assertThat(text(robot, "#custom-layer-0-shape")).isEqualTo("→ 32×14×14");
        robot.clickOn("#use-for-training");

        assertThat(model.architectureProperty().get()).isEqualTo("custom");
        assertThat(model.customLayersProperty().get().get(0))
                .isEqualTo(new LayerSpec.Conv(32, 5, LayerSpec.Padding.VALID, atelier.model.Nonlinearity.RELU));
        assertThat(model.initProperty().get()).isEqualTo("xavier");
        assertThat(text(robot, "#use-message")).startsWith("The next run trains custom");
    }

    @Test
    void freezesAndInitialisesFromACheckpointShowingWhatWasCopied(FxRobot robot) throws Exception {
        BuiltModel earlier = ArchitectureCatalog.named("mnist-net").build(InputShape.of(1, 28, 28), 10,
                ModelOptions.defaults());
        Path file = workspace.resolve("runs/finetune-source/best.zip");
        Checkpoints.save(earlier, file);
        dialogs.answer = file;
        openTab(robot);
        robot.clickOn(cell(robot, "mnist-net-bn"));

        robot.clickOn("#freeze");
        robot.clickOn("#choose-checkpoint");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#transfer-report").startsWith("copied"));

        assertThat(text(robot, "#transfer-report")).startsWith("copied 4 layers from best.zip")
                .contains("left 3 with fresh weights");
        assertThat(robot.lookup("#init-checkpoint").queryAs(RadioButton.class).isSelected()).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#totals").contains("frozen"));
        assertThat(text(robot, "#totals")).isEqualTo(
                "Total: 1,200,330 trainable (1,199,040 frozen, 1,290 learning) · 448 non-trainable");

        robot.clickOn("#use-for-training");
        assertThat(model.architectureProperty().get()).isEqualTo("mnist-net-bn");
        assertThat(model.initProperty().get()).isEqualTo("checkpoint:" + file.toAbsolutePath());
        assertThat(model.freezeAllButLastProperty().get()).isTrue();
    }

    @Test
    void imageNetWeightsOfflineSayWhyAndKeepXavier(FxRobot robot) throws Exception {
        String originalUrl = DL4JResources.getBaseDownloadURL();
        DL4JResources.setBaseDownloadURL("http://127.0.0.1:1/");
        DL4JResources.setBaseDirectory(Files.createDirectories(workspace.resolve("dl4j-resources")).toFile());
        try {
            openTab(robot);
            robot.clickOn(cell(robot, "vgg16"));
            robot.clickOn("#imagenet-weights");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> text(robot, "#imagenet-message").contains("cannot be downloaded"));

            assertThat(robot.lookup("#imagenet-message").queryAs(Label.class).getStyleClass()).contains("error");
            assertThat(text(robot, "#imagenet-message")).contains("keeps its fresh initialisation");
            assertThat(robot.lookup("#init-xavier").queryAs(RadioButton.class).isSelected()).isTrue();
        } finally {
            DL4JResources.setBaseDownloadURL(originalUrl);
            DL4JResources.resetBaseDirectoryLocation();
        }
    }

    private static void openTab(FxRobot robot) {
        TestWindows.selectTab(robot, "architecture-tab");
        // the list lays its cells out over a few pulses
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Node cell(FxRobot robot, String name) {
        return robot.lookup(".architecture-cell").queryAll().stream()
                .filter(node -> node instanceof ListCell<?> cell && cell.getItem() instanceof ArchitectureEntry entry
                        && entry.name().equals(name))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static ArchitectureEntry entry(FxRobot robot, String name) {
        ListView<ArchitectureEntry> list = robot.lookup("#architecture-list").queryAs(ListView.class);
        return list.getItems().stream().filter(entry -> entry.name().equals(name)).findFirst().orElseThrow();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** Answers the checkpoint chooser with {@link #answer}; everything else as the other tab tests do. */
    static final class CheckpointDialogs implements DialogService {
        private final DatasetTabTest.AnsweringDialogs others = new DatasetTabTest.AnsweringDialogs();
        volatile Path answer;

        @Override
        public Optional<Path> chooseDirectory(String title, Path initial) {
            return others.chooseDirectory(title, initial);
        }

        @Override
        public Optional<Path> chooseNewFolder(String title, Path suggestion) {
            return others.chooseNewFolder(title, suggestion);
        }

        @Override
        public Optional<Path> chooseOpenFile(String title, Path initialFolder, String extension) {
            return Optional.ofNullable(answer);
        }

        @Override
        public Optional<Path> chooseSaveFile(String title, String suggestedName) {
            return others.chooseSaveFile(title, suggestedName);
        }

        @Override
        public Optional<MislabelSettings> askMislabelSettings(MislabelSettings suggestion) {
            return others.askMislabelSettings(suggestion);
        }

        @Override
        public void showError(String title, String message) {
            others.showError(title, message);
        }

        @Override
        public void notify(String message) {
            others.notify(message);
        }
    }
}
