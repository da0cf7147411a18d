package atelier.ui.study;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.Dataset;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.data.SmallMislabelledMnist;
import atelier.report.Figures;
import atelier.task.Progress;
import atelier.train.RunRecord;
import atelier.train.RunSpec;
import atelier.train.RunStore;
import atelier.train.TrainingRunTest;
import atelier.train.TrainingService;
import atelier.ui.AppModel;
import atelier.ui.BackgroundTasks;
import atelier.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Studies tab's logic without a screen: every executor runs on the calling thread, so a study started here
 * has finished, with its report written, when the call returns.
 */
class StudyViewModelTest {
    @TempDir
    Path workspace;

    private TrainingService training;
    private StudyViewModel model;

    @BeforeEach
    void open() {
        training = new TrainingService(new RunStore(workspace.resolve("runs")), TrainingRunTest.SMALL_DENSE);
        AppModel app = new AppModel(new Workspace(workspace), new BackgroundTasks(), training);
        model = new StudyViewModel(app, Runnable::run, Runnable::run, Runnable::run, Figures.standard());
    }

    @AfterEach
    void close() {
        training.close();
    }

    private RunRecord trainSmallRun(String name) throws Exception {
        Path data = SmallMislabelledMnist.write(workspace.resolve("small-" + name), 300, 100, 0);
        Dataset dataset = atelier.data.DatasetLoader.load(data.toString(), Progress.NONE);
        RunSpec spec = new RunSpec(name, data.toString(), "dense", "xavier", false, "adadelta", 1.0, 0.7, 0.9, 32, 2,
                0, "none", 1);
        return training.submit(spec, new LabelView(dataset, LabelJournal.inMemory()),
                atelier.train.TrainingListener.NONE).result().get(2, TimeUnit.MINUTES);
    }

    @Test
    void aStudyOfPickedRunsRunsAndShowsItsResultsFiguresAndReport() throws Exception {
        RunRecord first = trainSmallRun("first");
        RunRecord second = trainSmallRun("second");
        model.refresh();
        assertThat(model.runs()).contains(first.id(), second.id());

        model.choiceProperty().set(StudyChoice.RUNS);
        assertThat(model.nameProperty().get()).isEqualTo("my-comparison");
        model.pickedRuns().setAll(first.id(), second.id());
        model.start();

        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Study my-comparison finished: 2 of 2 steps.");
        assertThat(model.studies()).extracting(StudyRow::name).containsExactly("my-comparison");
        assertThat(model.results()).extracting(ResultRow::run).containsExactly(first.id(), second.id());
        assertThat(model.results()).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo("done");
            assertThat(row.testAccuracy()).endsWith("%");
        });
        assertThat(model.figures()).hasSize(2).allSatisfy(figure -> {
            assertThat(figure.missing()).isFalse();
            assertThat(Files.size(figure.image())).isGreaterThan(5_000);
            assertThat(figure.caption()).contains("Best test accuracy");
        });
        assertThat(model.reportPdfProperty().get()).isRegularFile();
        assertThat(model.reportHtmlProperty().get()).isRegularFile();
    }

    @Test
    void badSettingsAndATakenNameSayWhatIsWrongAndStartNothing() throws Exception {
        model.epochsProperty().set("ten");
        model.start();
        assertThat(model.statusProperty().get()).startsWith("Epochs must be a whole number");
        assertThat(model.studies()).isEmpty();

        model.epochsProperty().set("1");
        model.choiceProperty().set(StudyChoice.RUNS);
        model.start();
        assertThat(model.statusProperty().get()).startsWith("Pick the runs to compare");

        RunRecord run = trainSmallRun("only");
        model.pickedRuns().setAll(run.id());
        model.nameProperty().set("taken");
        model.start();
        model.start();
        assertThat(model.statusProperty().get()).isEqualTo("Not started: a study named taken exists already: select "
                + "it and press Resume, or choose another name");
        assertThat(model.runningProperty().get()).isFalse();
    }
}
