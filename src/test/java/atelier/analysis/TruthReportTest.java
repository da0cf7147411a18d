package atelier.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthReportTest {
    @TempDir
    Path temp;

    private TruthScore fourFlips() throws Exception {
        Path dataset = temp.resolve("generated");
        Files.createDirectories(dataset);
        Files.writeString(temp.resolve("generated.truth.csv"), "index,original,given\n1,0,5\n2,1,3\n3,7,1\n4,9,4\n");
        return TruthScore.besides(dataset).orElseThrow();
    }

    private static CrossValidatedDetector.Finding finding(int index, boolean flagged) {
        return new CrossValidatedDetector.Finding(new LossRanking.Item(index, null, 0, 1, 2.0, 0.1, 0.9), flagged, -0.8);
    }

    @Test
    void scoresTheTopLossesAndTheExcludedImages() throws Exception {
        String report = TruthReport.describe(fourFlips(), List.of(1, 2, 9, 3, 4, 8), null, Set.of(1, 7));

        assertThat(report).contains("4 flipped labels")
                .contains("top 4 losses: precision 75.0%, recall 75.0%")
                .contains("excluded so far (2): precision 50.0%, recall 25.0%")
                .doesNotContain("cross-validated");
    }

    @Test
    void scoresTheCrossValidatedRankingAndItsFlaggedSet() throws Exception {
        CrossValidatedDetector.Result cv = new CrossValidatedDetector.Result(List.of(finding(4, true),
                finding(3, true), finding(8, true), finding(2, false), finding(1, false)), new double[] {0.9}, 3);

        String report = TruthReport.describe(fourFlips(), List.of(9, 8, 7, 6), cv, null);

        assertThat(report).contains("top 4 losses: precision 0.0%, recall 0.0%")
                .contains("cross-validated top 4: precision 75.0%, recall 75.0%")
                .contains("flagged (3): precision 66.7%, recall 50.0%")
                .doesNotContain("excluded so far");
    }
}
