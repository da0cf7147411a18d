package atelier.search;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.task.Progress;
import atelier.train.CatalogModelFactory;
import atelier.train.RunRecord;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole search on a few hundred MNIST images, interrupted as kill -9 would leave it, and resumed. */
class SearchRunnerTest {
    private static LabelView mnist;

    @TempDir
    Path workspace;

    @BeforeAll
    static void load() {
        Dataset dataset = DatasetLoader.load("mnist", Progress.NONE);
        mnist = new LabelView(dataset, LabelJournal.inMemory());
    }

    static SearchSettings tinySettings() {
        return new SearchSettings("mnist", 5, 4, TestSpaces.tiny(), 3, 100, 1, 100, 600, 32, 3, 1, 1, 1);
    }

    @Test
    void aSearchInterruptedDuringAPromotionResumesFromTheLastCheckpointAndFinishes() throws Exception {
        SearchStore store = new SearchStore(workspace.resolve("searches"));
        RunStore runs = new RunStore(workspace.resolve("runs"));
        SearchRunner.create(store, "test", tinySettings(), mnist);
        AtomicReference<byte[]> leftByKill = new AtomicReference<>();
        AtomicReference<SearchState> atKill = new AtomicReference<>();
        Path stateFile = store.folder("test").resolve(SearchStore.STATE);

        try (TrainingService service = new TrainingService(runs, new CatalogModelFactory(line -> { }))) {
            AtomicReference<SearchRunner> first = new AtomicReference<>();
            first.set(new SearchRunner(service, store, mnist, "test", new SearchListener() {
                @Override
                public void changed(SearchState state) {
                    boolean promoting = state.trials().stream().anyMatch(t -> t.runningSegment()
                            .filter(s -> s.rung() == 1 && s.run() != null).isPresent());
                    if (promoting && leftByKill.get() == null) {
                        try {
                            leftByKill.set(Files.readAllBytes(stateFile));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        atKill.set(state);
                        first.get().stop();
                    }
                }
            }));
            SearchState stopped = first.get().run();
            assertThat(stopped.phase()).isEqualTo(SearchState.Phase.SEARCHING);
            assertThat(leftByKill.get()).as("the search reached a promotion").isNotNull();
            Files.write(stateFile, leftByKill.get());

            Trial interrupted = atKill.get().trials().stream().filter(t -> t.runningSegment().isPresent())
                    .findFirst().orElseThrow();
            String interruptedRun = interrupted.runningSegment().orElseThrow().run();
            assertThat(atKill.get().trials()).hasSize(3);

            SearchState done = new SearchRunner(service, store, mnist, "test", SearchListener.NONE).run();

            assertThat(done.phase()).isEqualTo(SearchState.Phase.DONE);
            assertThat(done.trials()).hasSize(3);
            assertThat(done.trialsPerRung()).containsExactly(3, 1);
            Trial resumed = done.trial(interrupted.id()).orElseThrow();
            Segment top = resumed.latest().orElseThrow();
            assertThat(top.rung()).isEqualTo(1);
            assertThat(top.run()).isNotEqualTo(interruptedRun);
            assertThat(RunStore.read(runs.root().resolve(interruptedRun)).status()).isEqualTo(RunStatus.CANCELLED);

            RunRecord promotion = RunStore.read(runs.root().resolve(top.run()));
            Segment rungZero = resumed.segments().get(0);
            // a restarted segment is a new run: its name gets a suffix when the interrupted run keeps the plain one
            assertThat(promotion.spec().name()).startsWith("search:test:t" + resumed.id() + ":r1");
            assertThat(promotion.spec().init()).startsWith("checkpoint:")
                    .endsWith(rungZero.run() + "/" + RunStore.LAST);
            assertThat(promotion.data().trainImages()).as("rung 1 sees the next 200 images").isEqualTo(200);
            assertThat(promotion.data().testImages()).as("scored on the validation images").isEqualTo(100);
            assertThat(top.validationAccuracy()).isEqualTo(promotion.epochs().get(0).testAccuracy());

            assertThat(done.finalists()).hasSize(1);
            Finalist finalist = done.finalists().get(0);
            assertThat(finalist.trial()).isEqualTo(ParetoFront.best(done.trials(), 1).get(0).id());
            RunRecord retrained = RunStore.read(runs.root().resolve(finalist.run()));
            assertThat(retrained.data().trainImages()).as("the whole (limited) training set").isEqualTo(600);
            assertThat(retrained.data().testImages()).isEqualTo(10_000);
            assertThat(finalist.testAccuracy()).isEqualTo(retrained.epochs().get(0).testAccuracy())
                    .isGreaterThan(0.2);
            assertThat(done.spentSeconds()).isLessThan(done.settings().budgetSeconds());
        }
    }

    @Test
    void twoWorkersTrainTwoTrialsAtOnceAndRetrainTheFinalistsSideBySide() throws Exception {
        SearchStore store = new SearchStore(workspace.resolve("searches"));
        RunStore runs = new RunStore(workspace.resolve("runs"));
        SearchRunner.create(store, "pair", new SearchSettings("mnist", 5, 4, TestSpaces.tiny(), 3, 100, 1, 100, 600,
                32, 4, 2, 1, 2), mnist);
        java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();

        SearchState done;
        try (TrainingService service = new TrainingService(runs, new CatalogModelFactory(line -> { }), 2)) {
            done = new SearchRunner(service, store, mnist, "pair", new SearchListener() {
                @Override
                public void changed(SearchState state) {
                    int underWay = (int) state.trials().stream().filter(t -> t.runningSegment()
                            .filter(s -> s.run() != null).isPresent()).count();
                    mostAtOnce.accumulateAndGet(underWay, Math::max);
                }
            }).run();
        }

        assertThat(done.phase()).isEqualTo(SearchState.Phase.DONE);
        assertThat(mostAtOnce.get()).as("segments training at the same time").isEqualTo(2);
        // which trials are promoted, and so the Pareto set, depends on the order the two workers' segments end
        int front = ParetoFront.of(done.trials()).size();
        assertThat(front).isPositive();
        assertThat(done.finalists()).hasSize(Math.min(2, front)).allSatisfy(f -> {
            assertThat(f.run()).isNotNull();
            assertThat(RunStore.read(runs.root().resolve(f.run())).status()).isEqualTo(RunStatus.COMPLETED);
        });
    }

    @Test
    void aSearchRunningElsewhereCannotBeRunAgain() throws Exception {
        SearchStore store = new SearchStore(workspace.resolve("searches"));
        SearchRunner.create(store, "locked", tinySettings(), mnist);

        try (AutoCloseable held = store.lock("locked");
             TrainingService service = new TrainingService(new RunStore(workspace.resolve("runs")),
                     new CatalogModelFactory(line -> { }))) {
            SearchRunner second = new SearchRunner(service, store, mnist, "locked", SearchListener.NONE);
            org.assertj.core.api.Assertions.assertThatThrownBy(second::run)
                    .hasMessageContaining("search locked is running elsewhere");
            assertThat(store.runningElsewhere("locked")).isTrue();
        }
        assertThat(store.runningElsewhere("locked")).isFalse();
        try (AutoCloseable again = store.lock("locked")) {
            assertThat(again).as("released when its holder closes it").isNotNull();
        }
    }

    @Test
    void theParetoFrontKeepsOnlyUndominatedTrials() {
        Trial small = trial(0, 1000, 0.80);
        Trial dominated = trial(1, 2000, 0.79);
        Trial better = trial(2, 3000, 0.90);
        Trial best = trial(3, 9000, 0.95);
        Trial twin = trial(4, 3000, 0.90);

        assertThat(ParetoFront.of(List.of(small, dominated, better, best, twin)))
                .containsExactly(small, better, best);
        assertThat(ParetoFront.best(List.of(small, dominated, better, best, twin), 2)).containsExactly(best, better);
    }

    private static Trial trial(int id, long parameters, double accuracy) {
        SearchPoint point = new SearchPoint(1, 1, List.of(8), 3, false, false, 0, List.of(), "adam", 1e-3);
        Segment segment = new Segment(0, 100, Segment.COMPLETED, "run" + id, accuracy, 1, accuracy, 1, 100, null, id);
        return new Trial(id, id, point, point.layersText(), parameters, List.of(segment));
    }
}
