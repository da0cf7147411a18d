package atelier.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoints load in a DL4J program that has none of Atelier's classes: a second JVM whose class path is the
 * test class path without Atelier's own classes (native libraries load once per JVM, so a class loader in this
 * one could not load ND4J again), restoring with the updater as ModelSerializer does by default.
 */
class PlainDl4jClientTest {
    @TempDir
    Path dir;

    private static final String CLIENT = """
            import java.io.File;
            import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
            import org.deeplearning4j.util.ModelSerializer;
            import org.nd4j.linalg.api.buffer.DataType;
            import org.nd4j.linalg.api.ndarray.INDArray;
            import org.nd4j.linalg.factory.Nd4j;

            public class PlainClient {
                public static void main(String[] args) throws Exception {
                    try {
                        Class.forName("atelier.train.AdaDeltaWithLearningRate");
                        System.out.println("ATELIER CLASSES VISIBLE");
                        System.exit(3);
                    } catch (ClassNotFoundException expected) {
                        // as it should be
                    }
                    INDArray x = Nd4j.linspace(DataType.FLOAT, -1, 2.0 / 1567, 1568).reshape(2, 1, 28, 28);
                    for (String file : args) {
                        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new File(file), true);
                        float[] out = net.output(x, false).reshape(20).toFloatVector();
                        StringBuilder line = new StringBuilder("OUT");
                        for (float v : out) {
                            line.append(' ').append(v);
                        }
                        System.out.println(line);
                    }
                }
            }
            """;

    @Test
    void engineAndDl4jCheckpointsOfAdadeltaRunsLoadWithoutAteliersClasses() throws Exception {
        RunSpec spec = RunSpec.defaults("mnist", "mnist-net", 1);
        INDArray x = Nd4j.linspace(DataType.FLOAT, -1, 2.0 / 1567, 1568).reshape(2, 784);
        INDArray batch = EngineTrainableModelTest.images(16, 28, 4);
        INDArray labels = EngineTrainableModelTest.labels(16);
        List<INDArray> expected = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (TrainingEngine engine : TrainingEngine.values()) {
            TrainableModel model = new CatalogModelFactory(line -> { }, engine).create(spec, 1, 28, 28, 10);
            model.train(batch, labels);
            model.train(batch, labels);
            Path file = dir.resolve(engine.key() + ".zip");
            model.save(file);
            files.add(file.toString());
            expected.add(model.predict(x));
        }
        Path source = dir.resolve("PlainClient.java");
        Files.writeString(source, CLIENT);
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("classes") && !entry.endsWith("classes/")
                        && !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, source.toString()));
        command.addAll(files);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<String> lines = output.lines().filter(line -> line.startsWith("OUT ")).toList();
        assertThat(lines).as(output).hasSize(2);
        for (int i = 0; i < 2; i++) {
            String[] values = lines.get(i).substring(4).split(" ");
            float[] want = expected.get(i).reshape(20).toFloatVector();
            for (int k = 0; k < 20; k++) {
                assertThat(Float.parseFloat(values[k])).isCloseTo(want[k], org.assertj.core.api.Assertions.within(1e-4f));
            }
        }
    }
}
