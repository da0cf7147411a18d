package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AugmentationTabTest {
    static {
        // the window's setup loads ND4J (the training service); on a busy shared machine that outlasts TestFX's 10 s
        System.setProperty("testfx.setup.timeout", "60000");
    }

    @TempDir
    static Path workspace;

    private AppModel model;
    private Path saveTo;

    @org.junit.jupiter.api.BeforeAll
    static void loadNd4jBeforeTheWindow() {
        if (atelier.nd4j.Nd4jSetup.current() == null) {
            atelier.nd4j.Nd4jSetup.configure();
        }
    }

    @Start
    void start(Stage stage) {
        DialogService dialogs = new DatasetTabTest.AnsweringDialogs() {
            @Override
            public Optional<Path> chooseSaveFile(String title, String suggestedName) {
                return Optional.ofNullable(saveTo);
            }
        };
        model = TestWindows.open(stage, workspace, dialogs, () -> List.of("dense"));
        model.loadDataset(DatasetChoice.MNIST);
    }

    /** The pixels of every image in a preview grid, row by row. */
    private static int[][] pixels(FxRobot robot, String grid) {
        GridPane pane = robot.lookup(grid).queryAs(GridPane.class);
        List<ImageView> views = pane.getChildren().stream().filter(ImageView.class::isInstance)
                .map(ImageView.class::cast).toList();
        int[][] all = new int[views.size()][];
        for (int i = 0; i < views.size(); i++) {
            Image image = views.get(i).getImage();
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            all[i] = new int[w * h];
            image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), all[i],
                    0, w);
        }
        return all;
    }

    private static int drawn(FxRobot robot) {
        return robot.lookup("#augment-per-transform").queryAs(GridPane.class).getChildren().size();
    }

    @Test
    void changingAParameterRedrawsThePreviewExportsAndUseForTrainingReachesTheTrainingTab(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.dataset() != null);
        TestWindows.selectTab(robot, "augmentation-tab");
        // the Dataset tab's selection is the sample
        robot.interact(() -> model.selectedImageProperty().set(new SelectedImage(Split.TRAIN, 7)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#augment-sample-title")
                .queryAs(Label.class).getText().startsWith("Training image 7 ") && drawn(robot) > 0);
        WaitForAsyncUtils.waitForFxEvents();
        // rows: original (label + 1 image), then 4 steps of label + 6 draws; the grid holds 32 draws
        assertThat(drawn(robot)).isEqualTo(2 + 4 * 7);
        assertThat(pixels(robot, "#augment-grid")).hasNumberOfRows(32);
        int[][] before = pixels(robot, "#augment-per-transform");

        // select the crop step and set its padding to 0 in the field: the crop row becomes the sample itself
        robot.interact(() -> robot.lookup("#augment-steps").queryAs(javafx.scene.control.ListView.class)
                .getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#parameter-padding").queryAs(TextField.class).setText("0"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !java.util.Arrays.deepEquals(before,
                pixels(robot, "#augment-per-transform")));
        WaitForAsyncUtils.waitForFxEvents();
        int[][] after = pixels(robot, "#augment-per-transform");
        int[] original = after[0];
        for (int draw = 0; draw < 6; draw++) {
            assertThat(after[1 + 6 + draw]).as("crop:0 draw " + draw).containsExactly(original);
            assertThat(after[1 + draw]).as("the flip row is unchanged").containsExactly(before[1 + draw]);
        }
        assertThat(robot.lookup("#augment-text").queryAs(TextField.class).getText())
                .isEqualTo("flip:0.5,crop:0,rotate:10,erase:0.5");

        // a value out of range is refused with its range, and the preview stays
        robot.interact(() -> robot.lookup("#parameter-padding").queryAs(TextField.class).setText("99"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#augment-error").queryAs(Label.class).getText())
                .isEqualTo("crop: padding must be a whole number from 0 to 16, not '99'");

        // both figures export as PNG
        Path perTransform = workspace.resolve("per-transform.png");
        Path grid = workspace.resolve("grid.png");
        saveTo = perTransform;
        robot.interact(() -> robot.lookup("#augment-export-per-transform").queryButton().fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.isRegularFile(perTransform));
        saveTo = grid;
        robot.interact(() -> robot.lookup("#augment-export-grid").queryButton().fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.isRegularFile(grid));
        var per = javax.imageio.ImageIO.read(perTransform.toFile());
        var all = javax.imageio.ImageIO.read(grid.toFile());
        // five rows (the sample, four steps) and four rows of eight draws, 28 pixels at 4x with gaps
        assertThat(per.getHeight()).isEqualTo(5 * (28 * 4 + 6) + 6);
        assertThat(all.getHeight()).isEqualTo(4 * (28 * 4 + 6) + 6);

        robot.interact(() -> robot.lookup("#augment-use").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.augmentationProperty().get()).isEqualTo("flip:0.5,crop:0,rotate:10,erase:0.5");
        TestWindows.selectTab(robot, "training-tab");
        assertThat(robot.lookup("#training-augmentation").queryAs(TextField.class).getText())
                .isEqualTo("flip:0.5,crop:0,rotate:10,erase:0.5");
    }
}
