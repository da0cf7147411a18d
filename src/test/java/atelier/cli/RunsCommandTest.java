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

class RunsCommandTest {
    @TempDir
    Path workspace;

    @Test
    void listsRunsWithTheirBestEpochAndDamagedOnesAsDamaged() throws Exception {
        RunStore store = new RunStore(workspace.resolve("runs"));
        Path good = store.createFolder("good");
        RunRecord record = new RunRecord(RunRecord.SCHEMA_VERSION, good.getFileName().toString(), "2026-11-25T00:00:00Z",
                RunStatus.RUNNING, null, RunSpec.defaults("fashion", "mnist-net", 2), null,
                RunEnvironment.current(2, "test"), List.of(), List.of(), 0, 0)
                .withEpochs(List.of(new EpochMetrics(1, 0.5, 0.8, 0.4, 0.85, 10, 600, 1.0),
                        new EpochMetrics(2, 0.3, 0.9, 0.35, 0.88, 10, 600, 0.7)), RunStatus.COMPLETED, null);
        RunStore.write(good, record);
        Path bad = store.createFolder("bad");
        Files.writeString(bad.resolve(RunStore.RECORD), "{ not json");
        StringWriter out = new StringWriter();

        int code = AtelierCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "runs", "list", "--workspace", workspace.toString(), "--json");

        assertThat(code).isZero();
        JsonNode runs = new ObjectMapper().readTree(out.toString()).get("runs");
        assertThat(runs).hasSize(2);
        JsonNode goodRun = runs.findParents("bestEpoch").get(0);
        assertThat(goodRun.get("bestEpoch").asInt()).isEqualTo(2);
        assertThat(goodRun.get("bestTestAccuracy").asDouble()).isEqualTo(0.88);
        assertThat(goodRun.get("status").asText()).isEqualTo("completed");
        assertThat(out.toString()).contains("\"status\":\"damaged\"").contains("damaged run record");
    }

    @Test
    void theTextListSaysHowManyOfItsEpochsARunHasTrainedInAlignedColumns() {
        RunStore store = new RunStore(workspace.resolve("runs"));
        for (String arch : List.of("mnist-net", "mnist-net-bn")) {
            Path folder = store.createFolder(arch);
            RunRecord record = new RunRecord(RunRecord.SCHEMA_VERSION, folder.getFileName().toString(),
                    "2026-11-25T00:00:00Z", RunStatus.RUNNING, null, RunSpec.defaults("fashion", arch, 10), null,
                    RunEnvironment.current(2, "test"), List.of(), List.of(), 0, 0)
                    .withEpochs(List.of(new EpochMetrics(1, 0.5, 0.8, 0.4, 0.85, 10, 600, 1.0),
                            new EpochMetrics(2, 0.3, 0.9, 0.35, 0.88, 10, 600, 0.7)), RunStatus.CANCELLED, null);
            RunStore.write(folder, record);
        }
        StringWriter out = new StringWriter();

        int code = AtelierCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "runs", "list", "--workspace", workspace.toString());

        assertThat(code).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("best 88.00% at epoch 2, 2 of 10 epochs trained"));
        assertThat(lines.get(0).indexOf("fashion")).as("the dataset column lines up")
                .isEqualTo(lines.get(1).indexOf("fashion"));
    }
}
