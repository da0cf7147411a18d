package atelier.study;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.report.FigureSlot;
import atelier.report.ReportWriter;
import atelier.search.SearchListener;
import atelier.search.SearchRunner;
import atelier.search.SearchSettings;
import atelier.search.SearchState;
import atelier.search.SearchStore;
import atelier.search.TestSpaces;
import atelier.task.Progress;
import atelier.train.CatalogModelFactory;
import atelier.train.RunStore;
import atelier.train.TrainingService;
import atelier.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sheet 2's section 1.3 in a study report: the workspace's finished search drawn, or named as missing and why. */
class SearchFigureTest {
    @TempDir
    Path folder;

    private static StudyPlan planWithSearchSlot() {
        return new StudyPlan(StudyPlan.SCHEMA_VERSION, "with-search", "custom", "Search figure", List.of("None."), 1,
                100, Instant.now().toString(), List.of(), List.of(new FigureSlot("architecture-search",
                "Architecture search on MNIST (1.3)", List.of(), "dataset=mnist", null)));
    }

    @Test
    void withoutAFinishedSearchTheFigureIsMissingAndSaysHowToMakeIt() {
        StudyStore store = new StudyStore(new Workspace(folder));
        store.save(planWithSearchSlot());

        ReportWriter.Written report = new StudyReports(store, StudyFigures.standard(store.workspace()))
                .write("with-search", null);

        assertThat(report.missing()).hasSize(1);
        assertThat(report.missing().get(0).missingReason()).contains("no finished architecture search on mnist",
                "search --dataset mnist --budget-minutes 20");
    }

    @Test
    void theNewestFinishedSearchOnTheDatasetIsDrawnWithItsFinalistsInTheCaption() throws Exception {
        Workspace workspace = new Workspace(folder);
        SearchStore searches = SearchStore.of(workspace);
        LabelView mnist = new LabelView(DatasetLoader.load("mnist", Progress.NONE), LabelJournal.inMemory());
        SearchRunner.create(searches, "tiny", new SearchSettings("mnist", 5, 4, TestSpaces.tiny(), 3, 100, 1, 100, 600,
                32, 3, 1, 1, 1), mnist);
        SearchState done;
        try (TrainingService service = new TrainingService(new RunStore(workspace.runs()),
                new CatalogModelFactory(line -> { }))) {
            done = new SearchRunner(service, searches, mnist, "tiny", SearchListener.NONE).run();
        }
        assertThat(done.phase()).isEqualTo(SearchState.Phase.DONE);
        StudyStore store = new StudyStore(workspace);
        store.save(planWithSearchSlot());

        ReportWriter.Written report = new StudyReports(store, StudyFigures.standard(workspace))
                .write("with-search", null);

        assertThat(report.missing()).isEmpty();
        String html = Files.readString(report.html());
        String finalist = String.format(java.util.Locale.ROOT, "trial %d (%,d parameters): %.2f%%",
                done.finalists().get(0).trial(), done.finalists().get(0).parameters(),
                100 * done.finalists().get(0).testAccuracy());
        assertThat(html).contains("Architecture search on MNIST (1.3): search tiny on mnist", "3 designs",
                "Pareto front", finalist);
        try (var images = Files.list(store.reportFolder("with-search").resolve("figures"))) {
            assertThat(images).singleElement().satisfies(image -> assertThat(Files.size(image)).isGreaterThan(5_000));
        }
    }
}
