package atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelCommandTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AtelierCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void listPrintsTheEditsInEffectWithOriginalAndCurrentLabels() throws Exception {
        Path data = Files.createDirectories(dir.resolve("tiny"));
        ByteBuffer images = ByteBuffer.allocate(16 + 20 * 4).putInt(0x803).putInt(20).putInt(2).putInt(2);
        ByteBuffer labels = ByteBuffer.allocate(8 + 20).putInt(0x801).putInt(20);
        for (int i = 0; i < 20; i++) {
            labels.put((byte) (i % 4));
        }
        for (String prefix : new String[] {"train", "t10k"}) {
            Files.write(data.resolve(prefix + "-images-idx3-ubyte"), images.array());
            Files.write(data.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
        }
        String[] common = {"--dataset", data.toString(), "--workspace", dir.resolve("ws").toString()};
        run(concat(new String[] {"label", "relabel", "--index", "5", "--label", "3"}, common));
        run(concat(new String[] {"label", "exclude", "--index", "7,9"}, common));
        run(concat(new String[] {"label", "undo"}, common));

        JsonNode listed = new ObjectMapper().readTree(run(concat(new String[] {"label", "list", "--json"}, common)));

        JsonNode edits = listed.get("edits");
        assertThat(edits).hasSize(2);
        assertThat(edits.get(0).get("index").asInt()).isEqualTo(5);
        assertThat(edits.get(0).get("originalLabel").asInt()).isEqualTo(1);
        assertThat(edits.get(0).get("label").asInt()).isEqualTo(3);
        assertThat(edits.get(0).get("excluded").asBoolean()).isFalse();
        assertThat(edits.get(1).get("index").asInt()).isEqualTo(7);
        assertThat(edits.get(1).get("excluded").asBoolean()).isTrue();
        assertThat(edits.get(1).get("split").asText()).isEqualTo("train");
        assertThat(run(concat(new String[] {"label", "list"}, common))).contains("train      5  1 → 3")
                .contains("train      7  3 → excluded");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
