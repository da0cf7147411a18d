package atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.data.SmallMislabelledMnist;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis commands end to end on a small mislabelled image folder (the first 2,000 MNIST training and 500
 * test images, 40 labels flipped): train, confusion, top-losses, find-label-errors, label.
 */
class AnalysisCommandsTest {
    @TempDir
    static Path temp;

    private static Path folder;
    private static Path workspace;

    private record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            List<String> lines = out.lines().toList();
            return new ObjectMapper().readTree(lines.get(lines.size() - 1));
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AtelierCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainOnASmallMislabelledFolder() throws Exception {
        folder = SmallMislabelledMnist.write(temp.resolve("small_mislabelled"), 2000, 500, 40);
        workspace = temp.resolve("workspace");
        Result trained = run("train", "--dataset", folder.toString(), "--arch", "mnist-net", "--epochs", "2",
                "--name", "small", "--workspace", workspace.toString(), "--json");
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.json().get("bestTestAccuracy").asDouble()).isGreaterThan(0.5);
    }

    @Test
    void confusionCountsEveryTestImageOnceAndAgreesWithTheRunsAccuracy() throws Exception {
        Result result = run("confusion", "--run", "small", "--workspace", workspace.toString(), "--json");

        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = result.json();
        assertThat(json.get("classes")).hasSize(10);
        long total = 0;
        long diagonal = 0;
        for (int a = 0; a < 10; a++) {
            for (int p = 0; p < 10; p++) {
                total += json.get("matrix").get(a).get(p).asLong();
                diagonal += a == p ? json.get("matrix").get(a).get(p).asLong() : 0;
            }
        }
        assertThat(total).isEqualTo(500);
        JsonNode runs = run("runs", "list", "--workspace", workspace.toString(), "--json").json().get("runs");
        assertThat(diagonal / 500.0).isEqualTo(runs.get(0).get("bestTestAccuracy").asDouble());
        assertThat(json.get("perClass")).hasSize(10);
        assertThat(json.get("perClass").get(0).has("precision")).isTrue();
    }

    @Test
    void topLossesComeHighestFirstWithFilesAndAreScoredAgainstTheTruthOnStderr() throws Exception {
        Result result = run("top-losses", "--run", "small", "--k", "40", "--workspace", workspace.toString(),
                "--json");

        assertThat(result.code()).as(result.err()).isZero();
        JsonNode items = result.json().get("items");
        assertThat(items).hasSize(40);
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i).get("loss").asDouble()).isLessThanOrEqualTo(items.get(i - 1).get("loss").asDouble());
        }
        JsonNode worst = items.get(0);
        assertThat(worst.get("path").asText()).endsWith(worst.get("index").asInt() + ".png")
                .contains("training/" + worst.get("label").asInt() + "/");
        assertThat(worst.get("loss").asDouble()).isCloseTo(-Math.log(worst.get("probLabel").asDouble()),
                org.assertj.core.api.Assertions.within(1e-3));
        assertThat(result.err()).contains("against the truth file").contains("recall@40");
    }

    @Test
    void findLabelErrorsRanksByOutOfSampleProbabilityAndLabelEditsUndo() throws Exception {
        Result found = run("find-label-errors", "--dataset", folder.toString(), "--arch", "mnist-net", "--folds", "2",
                "--epochs", "1", "--k", "50", "--workspace", workspace.toString(), "--json");

        assertThat(found.code()).as(found.err()).isZero();
        JsonNode items = found.json().get("items");
        assertThat(items).hasSize(50);
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i).get("probLabel").asDouble())
                    .isGreaterThanOrEqualTo(items.get(i - 1).get("probLabel").asDouble());
        }
        assertThat(found.json().get("flagged").asInt()).isPositive();

        List<String> worstTwo = new ArrayList<>();
        items.forEach(item -> worstTwo.add(item.get("index").asText()));
        String indices = String.join(",", worstTwo.subList(0, 2));
        Result excluded = run("label", "exclude", "--dataset", folder.toString(), "--index", indices,
                "--workspace", workspace.toString());
        assertThat(excluded.code()).as(excluded.err()).isZero();
        assertThat(excluded.err()).contains("2 edit(s)");
        Result info = run("data", "info", "--dataset", folder.toString(), "--json");
        assertThat(info.json().get("train").get("count").asInt()).isEqualTo(2000);
        Result undone = run("label", "undo", "--dataset", folder.toString(), "--workspace", workspace.toString());
        assertThat(undone.code()).as(undone.err()).isZero();
        assertThat(undone.err()).contains("undo").contains(worstTwo.get(1));
        Result bad = run("label", "exclude", "--dataset", folder.toString(), "--index", "5000",
                "--workspace", workspace.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("5000");
    }
}
