package atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AtelierCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void infoJsonDescribesTheShippedMnist() throws Exception {
        int code = run("data", "info", "--dataset", "mnist", "--json");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("name").asText()).isEqualTo("MNIST");
        assertThat(json.get("classes")).hasSize(10);
        assertThat(json.get("height").asInt()).isEqualTo(28);
        assertThat(json.get("channels").asInt()).isEqualTo(1);
        assertThat(json.get("train").get("count").asInt()).isEqualTo(60000);
        assertThat(json.get("test").get("count").asInt()).isEqualTo(10000);
        assertThat(json.get("train").get("perClass").get(1).asInt()).isEqualTo(6742);
        assertThat(json.get("problems")).isEmpty();
    }

    @Test
    void problemsOfAnImageFolderAreListedInTheJson() throws Exception {
        Files.createDirectories(dir.resolve("training/a"));
        Files.createDirectories(dir.resolve("training/b"));
        Files.createDirectories(dir.resolve("testing/a"));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(5, 5,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("training/a/0.png").toFile());
        Files.writeString(dir.resolve("training/a/1.png"), "garbage");

        int code = run("data", "info", "--dataset", dir.toString(), "--json");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("train").get("count").asInt()).isEqualTo(1);
        assertThat(json.get("problems").toString()).contains("1.png").contains("empty class folder");
    }

    @Test
    void missingDatasetExitsNonZeroWithOneLineOnStderr() {
        int code = run("data", "info", "--dataset", dir.resolve("nothing").toString(), "--json");

        assertThat(code).isNotZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().trim()).startsWith("atelier data info:").contains("no such folder")
                .doesNotContain("\n");
    }

    @Test
    void mislabelWritesTheFolderAndTheTruthFile() throws Exception {
        Path source = dir.resolve("src-mnist");
        Files.createDirectories(source);
        writeIdx(source);
        Path target = dir.resolve("out");

        int code = run("data", "mislabel", "--dataset", source.toString(), "--flips", "3", "--seed", "7",
                "--out", target.toString());

        assertThat(code).isZero();
        assertThat(dir.resolve("out.truth.csv")).exists();
        assertThat(Files.readAllLines(dir.resolve("out.truth.csv"))).hasSize(4);
        assertThat(target.resolve("training")).isDirectory();
    }

    private static void writeIdx(Path folder) throws Exception {
        java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + 20 * 4);
        images.putInt(0x803).putInt(20).putInt(2).putInt(2);
        java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + 20);
        labels.putInt(0x801).putInt(20);
        for (int i = 0; i < 20; i++) {
            labels.put((byte) (i % 4));
        }
        for (String prefix : new String[] {"train", "t10k"}) {
            Files.write(folder.resolve(prefix + "-images-idx3-ubyte"), images.array());
            Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
        }
    }
}
