package atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.train.EpochMetrics;
import atelier.train.RunRecord;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training process killed with SIGKILL in the middle of an epoch: the run is listed as interrupted, and
 * {@code train --resume} finishes it from its last checkpoint with no epoch missing or repeated.
 */
class TrainResumeTest {
    private static final int EPOCHS = 3;
    private static final int IMAGES = 2000;
    private static final int BATCH = 20;

    @TempDir
    Path workspace;

    @Test
    void aRunKilledMidEpochIsListedAsInterruptedAndResumesWithoutAGapOrARepeat() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "atelier.Main", "train",
                "--dataset", "mnist", "--arch", "custom", "--layers", "dense 64 relu", "--epochs",
                Integer.toString(EPOCHS), "--limit-train", Integer.toString(IMAGES), "--batch", Integer.toString(BATCH), "--name", "killed",
                "--workspace", workspace.toString())
                .redirectErrorStream(true).redirectOutput(workspace.resolve("child.log").toFile()).start();
        Path runs = workspace.resolve("runs");
        RunStore store = new RunStore(runs);
        int killedIn = waitForAnEpochUnderWay(child, store);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        RunStore.Entry listed = store.list().get(0);
        assertThat(listed.record().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(listed.record().resumable()).isTrue();
        assertThat(listed.record().epochs()).hasSize(killedIn - 1);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AtelierCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "train",
                "--resume", "killed", "--workspace", workspace.toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("resuming after epoch " + (killedIn - 1));
        RunRecord record = RunStore.readCurrent(listed.folder());
        assertThat(record.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(record.epochs()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        assertThat(record.epochs().get(EPOCHS - 1).testAccuracy()).as("it went on learning").isGreaterThan(0.7);
        List<String> iterations = Files.readAllLines(listed.folder().resolve(RunStore.ITERATIONS));
        int batches = IMAGES / BATCH;
        assertThat(iterations).hasSize(1 + EPOCHS * batches);
        for (int i = 1; i < iterations.size(); i++) {
            String[] fields = iterations.get(i).split(",");
            assertThat(Integer.parseInt(fields[0])).isEqualTo(i);
            assertThat(Integer.parseInt(fields[1])).isEqualTo((i - 1) / batches + 1);
            assertThat(Integer.parseInt(fields[2])).isEqualTo((i - 1) % batches + 1);
        }
    }

    /** Waits until the child has finished an epoch and is well into the next; returns that epoch. */
    private static int waitForAnEpochUnderWay(Process child, RunStore store) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the child trains").isTrue();
            List<RunStore.Entry> entries = store.list();
            if (!entries.isEmpty() && !entries.get(0).damaged()) {
                int done = entries.get(0).record().epochs().size();
                Path iterations = entries.get(0).folder().resolve(RunStore.ITERATIONS);
                if (done >= 1 && done < EPOCHS && Files.exists(iterations) && Files.readAllLines(iterations)
                        .stream().anyMatch(line -> line.matches("\\d+," + (done + 1) + ",[2-8]\\d,.*"))) {
                    return done + 1;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child did not reach its second epoch in time");
    }
}
