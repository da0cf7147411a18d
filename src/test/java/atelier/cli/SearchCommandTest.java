package atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.search.TestSpaces;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code search} on a few hundred MNIST images with a one-block space: its JSON, and --resume of a finished one. */
class SearchCommandTest {
    @TempDir
    Path workspace;

    private int run(StringWriter out, StringWriter err, String... args) {
        return AtelierCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void searchesPrintsTrialsAndTheTestedParetoSetAndResumesAFinishedSearchToTheSameReport() throws Exception {
        Path space = Files.writeString(workspace.resolve("space.json"), TestSpaces.TINY_JSON);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = run(out, err, "search", "--dataset", "mnist", "--budget-minutes", "5", "--space",
                space.toString(), "--limit-train", "500", "--validation", "100", "--rung-images", "100",
                "--rungs", "2", "--max-trials", "3", "--final-models", "1", "--final-epochs", "1", "--batch", "32",
                "--workers", "1", "--name", "tiny", "--workspace", workspace.toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("phase").asText()).isEqualTo("done");
        assertThat(report.get("trials")).hasSize(3);
        JsonNode trial = report.get("trials").get(0);
        assertThat(trial.get("layers").asText()).startsWith("conv ").contains("pool 2x2");
        assertThat(trial.get("rung").asInt()).isBetween(0, 1);
        assertThat(trial.get("validationAccuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(trial.get("parameters").asLong()).isPositive();
        assertThat(trial.get("seconds").asDouble()).isPositive();
        assertThat(report.get("rungs").get(0).get("trials").asInt()).isEqualTo(3);
        assertThat(report.get("rungs").get(1).get("trials").asInt()).isEqualTo(1);
        JsonNode tested = null;
        for (JsonNode member : report.get("pareto")) {
            if (!member.get("testAccuracy").isNull()) {
                tested = member;
            }
        }
        assertThat(tested).as("one Pareto member was retrained and tested").isNotNull();
        assertThat(tested.get("testAccuracy").asDouble()).isGreaterThan(0.2);
        assertThat(err.toString()).contains("are retrained on all 500 training images for 1 epoch each");

        StringWriter again = new StringWriter();
        assertThat(run(again, new StringWriter(), "search", "--resume", "tiny", "--workspace", workspace.toString(),
                "--json")).isZero();
        JsonNode resumed = new ObjectMapper().readTree(again.toString());
        assertThat(resumed.get("trials")).isEqualTo(report.get("trials"));
        assertThat(resumed.get("pareto")).isEqualTo(report.get("pareto"));
    }

    @Test
    void badInputGetsOneLineNamingIt() throws Exception {
        Path space = Files.writeString(workspace.resolve("bad.json"),
                TestSpaces.TINY_JSON.replace("\"kernels\"", "\"kern\""));
        StringWriter err = new StringWriter();

        assertThat(run(new StringWriter(), err, "search", "--dataset", "mnist", "--budget-minutes", "1", "--space",
                space.toString(), "--workspace", workspace.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("bad.json").contains("kern");
        StringWriter missing = new StringWriter();
        assertThat(run(new StringWriter(), missing, "search", "--resume", "nothing", "--workspace",
                workspace.toString())).isEqualTo(1);
        assertThat(missing.toString()).contains("no search 'nothing'");
    }
}
