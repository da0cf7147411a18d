package atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.train.EpochMetrics;
import atelier.train.RunEnvironment;
import atelier.train.RunRecord;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study commands on runs recorded by hand, so that nothing trains: create, run, list, report, and errors. */
class StudyCommandTest {
    @TempDir
    Path workspace;

    private void recordRun(String name, double... testAccuracies) {
        RunStore store = new RunStore(workspace.resolve("runs"));
        Path folder = store.createFolder(name);
        List<EpochMetrics> epochs = new java.util.ArrayList<>();
        for (int e = 0; e < testAccuracies.length; e++) {
            epochs.add(new EpochMetrics(e + 1, 0.5 / (e + 1), 0.8 + 0.01 * e, 0.4 / (e + 1), testAccuracies[e], 10,
                    600, 1.0));
        }
        RunStore.write(folder, new RunRecord(RunRecord.SCHEMA_VERSION, folder.getFileName().toString(),
                "2026-12-01T00:00:00Z", RunStatus.RUNNING, null, RunSpec.defaults("fashion", "mnist-net", 2)
                .withName(name), null, RunEnvironment.current(2, "test"), List.of(), List.of(), 0, 0)
                .withEpochs(epochs, RunStatus.COMPLETED, null));
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--workspace", workspace.toString())).toArray(String[]::new);
        int code = AtelierCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aStudyOfRecordedRunsIsCreatedRunListedAndReported() throws Exception {
        recordRun("a", 0.85, 0.88);
        recordRun("b", 0.86, 0.87);

        assertThat(run("study", "create", "cmp", "--runs", "a,b").code()).isZero();
        Result ran = run("study", "run", "cmp", "--json");

        assertThat(ran.code()).as(ran.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(ran.out());
        assertThat(summary.get("steps")).hasSize(2);
        assertThat(summary.get("steps").get(0).get("status").asText()).isEqualTo("done");
        assertThat(summary.get("steps").get(0).get("bestEpoch").asInt()).isEqualTo(2);
        assertThat(summary.get("steps").get(1).get("bestTestAccuracy").asDouble()).isEqualTo(0.87);
        assertThat(Path.of(summary.get("pdf").asText())).isRegularFile();
        assertThat(Files.readString(Path.of(summary.get("html").asText())))
                .contains("Ranked by best test accuracy: a 88.00% (epoch 2), b 87.00% (epoch 2)");
        assertThat(summary.get("missingFigures")).isEmpty();

        JsonNode list = new ObjectMapper().readTree(run("study", "list", "--json").out());
        assertThat(list.get("builtIn").toString()).contains("fashion-sheet", "architectures-sheet");
        assertThat(list.get("studies").get(0).get("name").asText()).isEqualTo("cmp");
        assertThat(list.get("studies").get(0).get("finished").asInt()).isEqualTo(2);

        Path out = workspace.resolve("elsewhere");
        Result report = run("study", "report", "cmp", "--out", out.toString(), "--json");
        assertThat(report.code()).isZero();
        assertThat(out.resolve("report.pdf")).isRegularFile();
        assertThat(out.resolve("figures/01-learning-curves-train.png")).isRegularFile();
    }

    @Test
    void unknownStudiesAndTakenNamesFailWithOneLine() {
        Result unknown = run("study", "run", "nothing");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err().strip()).doesNotContain("\n")
                .contains("\"nothing\" is neither a built-in sheet (fashion-sheet, architectures-sheet)");

        recordRun("a", 0.9);
        run("study", "create", "mine", "--runs", "a");
        Result taken = run("study", "run", "fashion-sheet", "--name", "mine");
        assertThat(taken.code()).isEqualTo(1);
        assertThat(taken.err()).contains("a study named mine exists already");

        Result badName = run("study", "resume", "../x");
        assertThat(badName.code()).isEqualTo(1);
        assertThat(badName.err()).contains("study name \"../x\" must be");
    }
}
