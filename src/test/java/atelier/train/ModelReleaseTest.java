package atelier.train;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.task.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's network is freed as soon as the run has ended, not whenever the garbage collector gets to it. */
class ModelReleaseTest {
    @TempDir
    Path workspace;

    @Test
    void theServiceFreesEachRunsEngineNetworkOnceTheRunHasEnded() throws Exception {
        LabelView mnist = new LabelView(DatasetLoader.load("mnist", Progress.NONE), LabelJournal.inMemory());
        List<EngineTrainableModel> made = new ArrayList<>();
        CatalogModelFactory catalog = new CatalogModelFactory(line -> { });
        ModelFactory recording = (spec, channels, height, width, classes) -> {
            TrainableModel model = catalog.create(spec, channels, height, width, classes);
            made.add((EngineTrainableModel) model);
            return model;
        };
        RunSpec spec = new RunSpec("release", "mnist", "encoder", "xavier", false, "adadelta", 1.0, 0.7, 0.9, 64, 1,
                300, "none", 1);
        RunRecord record;
        try (TrainingService service = new TrainingService(new RunStore(workspace.resolve("runs")), recording)) {
            record = service.submit(spec, mnist, TrainingListener.NONE).result().get(2, TimeUnit.MINUTES);
        }

        assertThat(record.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(made).hasSize(1);
        assertThat(made.get(0).network().parameters().data().wasClosed()).as("parameters freed").isTrue();
        // the run wrote its checkpoint before the model was freed
        assertThat(java.nio.file.Files.size(workspace.resolve("runs").resolve(record.id()).resolve(RunStore.BEST)))
                .isPositive();
    }
}
