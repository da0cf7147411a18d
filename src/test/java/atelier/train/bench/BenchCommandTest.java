package atelier.train.bench;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.cli.AtelierCommand;
import atelier.nd4j.Nd4jSetup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    /** The count every test uses: libnd4j's own pool is sized once per JVM. */
    private static final int THREADS = Nd4jSetup.defaultThreads();

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AtelierCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void trainBenchPrintsExactlyOneJsonDocument() throws Exception {
        String[] result = run("bench", "train", "--arch", "mnist-net", "--dataset", "mnist", "--batch", "16",
                "--batches", "3", "--threads", Integer.toString(THREADS), "--json");
        assertThat(result[0]).as(result[2]).isEqualTo("0");
        JsonNode doc = new ObjectMapper().readTree(result[1]);
        assertThat(result[1].strip().lines()).hasSize(1);
        assertThat(doc.get("imagesPerSecond").asDouble()).isPositive();
        assertThat(doc.get("batch").asInt()).isEqualTo(16);
        assertThat(doc.get("batches").asInt()).isEqualTo(3);
        assertThat(doc.get("threads").asInt()).isEqualTo(THREADS);
        assertThat(doc.get("arch").asText()).isEqualTo("mnist-net");
        assertThat(doc.get("optimizer").asText()).isEqualTo("adadelta");
        assertThat(doc.get("engine").asText()).isEqualTo("fast");
    }

    @Test
    void trainBenchTakesAnyCatalogueRecipe() throws Exception {
        String[] result = run("bench", "train", "--arch", "resnet", "--optimizer", "adam", "--freeze-all-but-last",
                "--dataset", "mnist", "--batch", "8", "--batches", "2", "--threads", Integer.toString(THREADS),
                "--json");
        assertThat(result[0]).as(result[2]).isEqualTo("0");
        JsonNode doc = new ObjectMapper().readTree(result[1]);
        assertThat(doc.get("arch").asText()).isEqualTo("resnet");
        assertThat(doc.get("optimizer").asText()).isEqualTo("adam");
        assertThat(doc.get("freezeAllButLast").asBoolean()).isTrue();
        assertThat(doc.get("imagesPerSecond").asDouble()).isPositive();
    }

    @Test
    void inferBenchReportsItsBatch() throws Exception {
        String[] result = run("bench", "infer", "--arch", "mnist-net", "--dataset", "mnist", "--batch", "100",
                "--batches", "2", "--json");
        assertThat(result[0]).as(result[2]).isEqualTo("0");
        JsonNode doc = new ObjectMapper().readTree(result[1]);
        assertThat(doc.get("batch").asInt()).isEqualTo(100);
        assertThat(doc.get("imagesPerSecond").asDouble()).isPositive();
    }

    @Test
    void unknownArchitecturesAreRefused() {
        String[] result = run("bench", "train", "--arch", "vgg19", "--dataset", "mnist");
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains("unknown architecture 'vgg19'");
        assertThat(result[1]).isEmpty();
    }

    @Test
    void unknownEnginesAndOptimizersAreRefused() {
        String[] engine = run("bench", "train", "--arch", "mnist-net", "--dataset", "mnist", "--engine", "torch");
        assertThat(engine[0]).isEqualTo("2");
        assertThat(engine[2]).contains("unknown engine \"torch\"");
        String[] optimizer = run("bench", "train", "--arch", "mnist-net", "--dataset", "mnist", "--optimizer", "rms");
        assertThat(optimizer[0]).isEqualTo("2");
        assertThat(optimizer[2]).contains("unknown optimizer 'rms'");
    }
}
