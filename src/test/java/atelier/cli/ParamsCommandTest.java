package atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ParamsCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = AtelierCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void jsonIsOneDocumentWithTheAgreedFields() throws Exception {
        Run run = run("params", "--arch", "mnist-net-bn", "--input", "28x28x1", "--classes", "10", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode document = new ObjectMapper().readTree(run.out());
        assertThat(document.fieldNames()).toIterable()
                .containsExactly("arch", "input", "classes", "layers", "trainable", "nonTrainable");
        assertThat(document.get("arch").asText()).isEqualTo("mnist-net-bn");
        assertThat(document.get("input").toString()).isEqualTo("[1,28,28]");
        assertThat(document.get("trainable").asLong()).isEqualTo(1_200_330);
        assertThat(document.get("nonTrainable").asLong()).isEqualTo(448);
        JsonNode first = document.get("layers").get(0);
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("name", "type", "outputShape", "trainable", "nonTrainable", "frozen");
        assertThat(first.get("outputShape").toString()).isEqualTo("[32,26,26]");
    }

    @Test
    void textShowsTheTableAndTheReasoning() {
        Run run = run("params", "--arch", "encoder");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("conv7", "[32,3,3]", "108,594", "Why same padding");
    }

    @Test
    void anInputThatDoesNotFitFailsWithOneLine() {
        Run run = run("params", "--arch", "vgg16", "--input", "18x18x1");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("atelier params: vgg16 cannot take 18x18x1")
                .contains("at least 32x32");
    }

    @Test
    void customLayersComeFromTheCommandLine() throws Exception {
        Run run = run("params", "--arch", "custom", "--layers", "conv 8 3x3 same relu; pool 2x2; dense 16",
                "--classes", "3", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("trainable").asLong())
                .isEqualTo((9 * 8 + 8) + (8 * 14 * 14 * 16 + 16) + (16 * 3 + 3));
        assertThat(run("params", "--arch", "encoder", "--layers", "dense 3").err()).contains("--arch custom");
    }
}
