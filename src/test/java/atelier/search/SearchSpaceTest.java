package atelier.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atelier.model.InputShape;
import atelier.model.LayerSpecText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The space's quasi-random sampling, its JSON form, and the designs that cannot be built. */
class SearchSpaceTest {
    private static final InputShape MNIST = InputShape.of(1, 28, 28);

    @TempDir
    Path folder;

    private static List<SearchPoint> sample(SearchSpace space, long seed, int count) {
        QuasiRandomSampler sampler = new QuasiRandomSampler(space.dimensions(), seed);
        List<SearchPoint> points = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            points.add(space.pointAt(sampler.point(n)));
        }
        return points;
    }

    @Test
    void samplesStayInTheSpaceAndCoverEveryChoice() {
        SearchSpace space = SearchSpace.defaults();
        List<SearchPoint> points = sample(space, 7, 64);

        Set<Integer> blocks = new HashSet<>();
        Set<Integer> kernels = new HashSet<>();
        Set<String> optimizers = new HashSet<>();
        Set<Boolean> residual = new HashSet<>();
        for (SearchPoint p : points) {
            assertThat(p.blocks()).isBetween(1, 4);
            assertThat(p.convsPerBlock()).isBetween(1, 2);
            assertThat(p.filters()).hasSize(p.blocks()).allSatisfy(f -> assertThat(f).isBetween(8, 64));
            assertThat(p.denseWidths()).hasSizeBetween(0, 2).allSatisfy(w -> assertThat(w).isBetween(32, 256));
            assertThat(p.dropout()).isBetween(0.0, 0.5);
            if (p.optimizer().equals("adam")) {
                assertThat(p.learningRate()).isBetween(3e-4, 3e-3);
            } else {
                assertThat(p.learningRate()).isBetween(0.3, 1.5);
            }
            blocks.add(p.blocks());
            kernels.add(p.kernel());
            optimizers.add(p.optimizer());
            residual.add(p.residual());
            assertThat(LayerSpecText.parse(p.layersText())).isEqualTo(p.layers());
        }
        // a low-discrepancy sequence reaches every value of every discrete dimension within 64 points
        assertThat(blocks).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(kernels).containsExactlyInAnyOrder(3, 5);
        assertThat(optimizers).containsExactlyInAnyOrder("adadelta", "adam");
        assertThat(residual).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void theSameSeedGivesTheSamePointsAndAnotherSeedOthers() {
        SearchSpace space = SearchSpace.defaults();

        assertThat(sample(space, 3, 20)).isEqualTo(sample(space, 3, 20));
        assertThat(sample(space, 3, 20)).isNotEqualTo(sample(space, 4, 20));
        assertThat(new QuasiRandomSampler(space.dimensions(), 3).point(11))
                .isEqualTo(new QuasiRandomSampler(space.dimensions(), 3).point(11));
    }

    @Test
    void aPointBecomesTheEncoderLayerList() {
        SearchPoint point = new SearchPoint(2, 2, List.of(16, 32), 5, true, true, 0.25, List.of(64), "adam", 1e-3);

        assertThat(point.layersText()).isEqualTo("conv 16 5x5 same linear; batchnorm relu; conv 16 5x5 same linear; "
                + "batchnorm relu; residual 5x5; batchnorm relu; pool 2x2; conv 32 5x5 same linear; batchnorm relu; "
                + "conv 32 5x5 same linear; batchnorm relu; residual 5x5; batchnorm relu; pool 2x2; dropout 0.25; "
                + "dense 64 linear; batchnorm relu; dropout 0.25");
        assertThat(DesignCheck.check(point, MNIST, 10, 0).ok()).isTrue();
    }

    @Test
    void poolingBelowOneByOneIsSkippedWithItsReason() {
        SearchPoint fiveBlocks = new SearchPoint(5, 1, List.of(8, 8, 8, 8, 8), 3, false, false, 0, List.of(),
                "adam", 1e-3);
        SearchPoint fourBlocks = new SearchPoint(4, 1, List.of(8, 8, 8, 8), 3, false, false, 0, List.of(), "adam",
                1e-3);

        DesignCheck.Outcome outcome = DesignCheck.check(fiveBlocks, MNIST, 10, 0);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.problem()).contains("pool").contains("does not fit the 1x1 input");
        assertThat(DesignCheck.check(fourBlocks, MNIST, 10, 0).ok()).as("28 -> 14 -> 7 -> 3 -> 1").isTrue();
        assertThat(DesignCheck.check(fourBlocks, InputShape.of(1, 12, 12), 10, 0).problem())
                .as("12 -> 6 -> 3 -> 1, then nothing").contains("does not fit the 1x1 input");
    }

    @Test
    void aDesignAboveTheParameterLimitIsSkipped() {
        SearchPoint big = new SearchPoint(1, 1, List.of(64), 5, false, false, 0, List.of(256, 256), "adam", 1e-3);

        DesignCheck.Outcome outcome = DesignCheck.check(big, MNIST, 10, 1_200_000);
        assertThat(outcome.parameters()).isGreaterThan(1_200_000);
        assertThat(outcome.problem()).contains("more than the space's limit of 1,200,000");
    }

    @Test
    void aSpaceThatAllowsTooManyBlocksGivesSomeImpossiblePoints() {
        SearchSpace deep = withBlocks(SearchSpace.defaults(), Range.linear(3, 6));
        long impossible = sample(deep, 1, 40).stream()
                .filter(p -> !DesignCheck.check(p, MNIST, 10, 0).ok()).count();
        long fiveOrMore = sample(deep, 1, 40).stream().filter(p -> p.blocks() >= 5).count();

        assertThat(impossible).isEqualTo(fiveOrMore).isGreaterThan(0);
    }

    @Test
    void theJsonFormRoundTripsAndBadFilesAreNamed() throws Exception {
        SearchSpace space = SearchSpace.defaults();
        Path file = folder.resolve("space.json");
        Files.writeString(file, space.toJson());

        assertThat(SearchSpace.read(file)).isEqualTo(space);
        Files.writeString(file, space.toJson().replace("\"kernels\"", "\"kernel\""));
        assertThatThrownBy(() -> SearchSpace.read(file)).hasMessageContaining("space.json")
                .hasMessageContaining("kernel");
        Files.writeString(file, space.toJson().replaceFirst("\"max\" : 4\\.0", "\"max\" : 0.5"));
        assertThatThrownBy(() -> SearchSpace.read(file)).hasMessageContaining("space.json")
                .hasMessageContaining("min <= max");
    }

    private static SearchSpace withBlocks(SearchSpace s, Range blocks) {
        return new SearchSpace(blocks, s.convsPerBlock(), s.filters(), s.kernels(), s.residual(), s.batchNorm(),
                s.dropout(), s.denseLayers(), s.denseWidth(), s.optimizers(), s.learningRates(), 0);
    }
}
