package atelier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.analysis.tsne.TsneMap;
import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.data.SmallMislabelledMnist;
import atelier.data.Split;
import atelier.task.Progress;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingListener;
import atelier.train.TrainingService;
import atelier.ui.tsne.TsneViewModel;
import atelier.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TsneTabTest {
    @TempDir
    static Path workspace;

    private AppModel model;

    /** A finished run of the small dense network (one hidden layer of 32) on 2,000 MNIST training images. */
    @BeforeAll
    static void trainOneRun() throws Exception {
        Workspace space = new Workspace(workspace);
        Path folder = SmallMislabelledMnist.write(workspace.resolve("mnist_small"), 2000, 300, 0);
        Dataset small = DatasetLoader.load(folder.toString(), Progress.NONE);
        LabelView view = new LabelView(small, space.openJournal(small));
        RunSpec spec = new RunSpec("mapped", folder.toString(), "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9,
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

    private TsneViewModel computed(FxRobot robot, int iterations) throws Exception {
        TsneViewModel[] vm = new TsneViewModel[1];
        robot.interact(() -> {
            vm[0] = new TsneViewModel(model, Platform::runLater);
            vm[0].iterationsProperty().set(iterations);
            vm[0].compute();
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> vm[0].finishedProperty().get() != null);
        return vm[0];
    }

    @Test
    void mapsTheRunsLayerLiveThenScoresItAndReopensFromTheCache(FxRobot robot) throws Exception {
        List<Integer> framePoints = new ArrayList<>();
        TsneViewModel vm = computed(robot, 300);
        TsneMap map = vm.finishedProperty().get();
        assertThat(map.size()).isEqualTo(2000);
        assertThat(map.layer()).isEqualTo("layer0");
        assertThat(vm.layers()).containsExactly("layer0");
        assertThat(map.summary().mapKnnAccuracy()).isGreaterThan(0.8);
        assertThat(vm.readoutProperty().get()).contains("10-NN class accuracy").contains("trustworthiness");
        assertThat(vm.labelsProperty().get()).hasSize(2000);
        Path runFolder = vm.runProperty().get().folder();
        try (var files = Files.list(runFolder.resolve("tsne"))) {
            assertThat(files.toList()).hasSize(1);
        }
        long started = System.nanoTime();
        TsneViewModel reopened = computed(robot, 300);
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(20);
        assertThat(reopened.finishedProperty().get().map()).isEqualTo(map.map());
        framePoints.add(reopened.pointsProperty().get().size());
        assertThat(framePoints).containsExactly(2000);
    }

    @Test
    void aRectangleSelectsShownPointsAndItsEditsGoThroughTheJournalWithUndo(FxRobot robot) throws Exception {
        TsneViewModel vm = computed(robot, 300);
        robot.interact(() -> vm.selectRectangle(-1e6, -1e6, 1e6, 1e6));
        assertThat(vm.selection()).hasSize(2000);
        int[] labels = vm.labelsProperty().get();
        robot.interact(() -> {
            vm.toggleClass(labels[0]);
            vm.selectRectangle(-1e6, -1e6, 1e6, 1e6);
        });
        long ofThatClass = java.util.Arrays.stream(labels).filter(l -> l == labels[0]).count();
        assertThat(vm.selection()).hasSize((int) (2000 - ofThatClass));
        // A small rectangle around one point of another class: relabel it, then undo.
        TsneViewModel.Points points = vm.pointsProperty().get();
        int point = vm.selection().get(0);
        float x = points.map()[2 * point];
        float y = points.map()[2 * point + 1];
        robot.interact(() -> vm.selectRectangle(x - 1e-4, y - 1e-4, x + 1e-4, y + 1e-4));
        assertThat(vm.selection()).contains(point);
        int target = (labels[point] + 1) % 10;
        vm.relabelSelection(target).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.labelsProperty().get()[point]).isEqualTo(target);
        assertThat(model.dataset().isRelabelled(Split.TRAIN, points.indices()[point])).isTrue();
        vm.undo().get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.labelsProperty().get()[point]).isEqualTo(labels[point]);
        robot.interact(() -> vm.selectDisagreeing());
        assertThat(vm.statusProperty().get()).contains("nearest neighbours");
        Path png = workspace.resolve("map.png");
        vm.exportPng(png);
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(3200);
    }

    @Test
    void liveFramesAreCoalescedToAFewASecond() throws Exception {
        List<Runnable> posted = new ArrayList<>();
        TsneViewModel[] vm = new TsneViewModel[1];
        WaitForAsyncUtils.asyncFx(() -> vm[0] = new TsneViewModel(model, posted::add)).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 200; i++) {
            vm[0].offerFrameForTest(new float[4], false);
        }
        vm[0].offerFrameForTest(new float[4], true);
        // The first frame is posted; the rest arrive within 200 ms of it and wait, coalesced, for that post to run.
        assertThat(posted).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void theTabShowsTheMapAndTheReadout(FxRobot robot) throws Exception {
        TestWindows.selectTab(robot, "tsne-tab");
        robot.interact(() -> robot.lookup("#tsne-compute").queryButton().fire());
        Label readout = robot.lookup("#tsne-readout").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> !readout.getText().isEmpty());
        assertThat(readout.getText()).contains("10-NN");
        assertThat(robot.lookup("#tsne-legend").queryAs(javafx.scene.layout.FlowPane.class).getChildren())
                .hasSize(10);
    }
}
