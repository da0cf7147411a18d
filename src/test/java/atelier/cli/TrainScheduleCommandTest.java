package atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import atelier.train.EpochMetrics;
import atelier.train.RunRecord;
import atelier.train.RunStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --schedule}: the run follows and records its schedule; a misused or unknown option is said. */
class TrainScheduleCommandTest {
    @TempDir
    Path workspace;

    @Test
    void aCosineRunRecordsItsCurveAndSaysThatGammaIsNotUsed() {
        StringWriter err = new StringWriter();
        int code = AtelierCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "train", "--dataset", "mnist", "--arch", "custom", "--layers", "dense 16 relu", "--epochs", "2",
                "--limit-train", "300", "--schedule", "cosine", "--gamma", "0.5", "--workspace", workspace.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("--gamma 0.5 is not used").contains("cosine");
        RunRecord record = RunStore.readCurrent(new RunStore(workspace.resolve("runs")).list().get(0).folder());
        assertThat(record.spec().schedule()).isEqualTo("cosine");
        // 300 images in batches of 64: 5 steps an epoch; epoch 2 starts at step 5 of 10, half way down from 1.0
        assertThat(record.epochs()).extracting(EpochMetrics::learningRate)
                .satisfiesExactly(first -> assertThat(first).isEqualTo(1.0),
                        second -> assertThat(second).isCloseTo(0.5, within(1e-12)));
    }

    @Test
    void anUnknownScheduleIsRefusedWithTheOnesThereAre() {
        StringWriter err = new StringWriter();
        int code = AtelierCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "train", "--dataset", "mnist", "--arch", "mnist-net", "--epochs", "1", "--schedule", "linear",
                "--workspace", workspace.toString());

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("'linear'").contains("step, cosine, onecycle");
    }
}
