package atelier.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atelier.task.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MislabelGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void exactlyNLabelsDifferAndEachFlipIsToAnotherClass() {
        int[] labels = TestImages.labels(1000, 10);
        MislabelGenerator.Plan plan = MislabelGenerator.plan(labels, 10, 100, 7);

        int differ = 0;
        for (int i = 0; i < labels.length; i++) {
            if (plan.given()[i] != labels[i]) {
                differ++;
                assertThat(plan.given()[i]).isBetween(0, 9);
            }
        }
        assertThat(differ).isEqualTo(100);
        assertThat(plan.flippedIndices()).hasSize(100).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void sameSeedGivesSameFlipsAndAnotherSeedOthers() {
        int[] labels = TestImages.labels(1000, 10);
        MislabelGenerator.Plan a = MislabelGenerator.plan(labels, 10, 50, 7);
        MislabelGenerator.Plan b = MislabelGenerator.plan(labels, 10, 50, 7);
        MislabelGenerator.Plan c = MislabelGenerator.plan(labels, 10, 50, 8);

        assertThat(a.given()).isEqualTo(b.given());
        assertThat(a.flippedIndices()).isNotEqualTo(c.flippedIndices());
    }

    @Test
    void writesTheFolderAndPutsTheTruthBesideItNotInside() throws Exception {
        Dataset source = TestImages.dataset(60, 20, 3);
        Path out = dir.resolve("mislabelled");

        MislabelGenerator.Plan plan = MislabelGenerator.generate(source, 5, 7, out, Progress.NONE);

        Path truth = dir.resolve("mislabelled.truth.csv");
        assertThat(truth).exists();
        try (var files = Files.walk(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".csv"));
        }
        List<String> rows = Files.readAllLines(truth);
        assertThat(rows.get(0)).isEqualTo("index,original,given");
        assertThat(rows).hasSize(6);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            int index = Integer.parseInt(cells[0]);
            assertThat(Path.of(out.toString(), "training", cells[2], index + ".png")).exists();
            assertThat(Integer.parseInt(cells[1])).isEqualTo(source.train().label(index))
                    .isNotEqualTo(Integer.parseInt(cells[2]));
        }
        Dataset reloaded = DatasetLoader.load(out, "m", Progress.NONE);
        int differ = 0;
        for (int i = 0; i < 60; i++) {
            differ += reloaded.train().label(i) != source.train().label(i) ? 1 : 0;
            assertThat(reloaded.train().image(i)).isEqualTo(source.train().image(i));
        }
        assertThat(differ).isEqualTo(5);
        assertThat(reloaded.test().labels()).isEqualTo(source.test().labels());
        assertThat(plan.flippedIndices()).hasSize(5);
    }

    @Test
    void neverOverwritesAnExistingFolder() throws Exception {
        Path out = Files.createDirectories(dir.resolve("taken"));

        assertThatThrownBy(() -> MislabelGenerator.generate(TestImages.dataset(10, 2, 2), 1, 7, out, Progress.NONE))
                .hasMessageContaining("already exists");
    }

    @Test
    void cancellingLeavesNoHalfFolder() throws Exception {
        Path out = dir.resolve("cancelled");
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> MislabelGenerator.generate(TestImages.dataset(50, 10, 2), 3, 7, out,
                    Progress.NONE)).isInstanceOf(atelier.task.CancelledException.class);
        } finally {
            Thread.interrupted();
        }
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
