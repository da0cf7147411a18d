package atelier.engine;

import atelier.model.Checkpoints;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the engine adds to a checkpoint beside the DL4J network: how to rebuild the engine network (architecture,
 * layer list, sizes) and the optimizer's state in the engine's layout. Two zip entries under {@code atelier/};
 * DL4J's own entries stay a plain DL4J model.
 */
public final class EngineCheckpoint {
    static final String DESCRIPTION = "engine.json";
    static final String OPTIMIZER_STATE = "engine-optimizer.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineCheckpoint() {
    }

    /**
     * How the network was built and where its optimizer stood.
     *
     * @param layers          the layer list of a custom architecture in its text form; null for catalogue ones
     * @param channels        the data's image size, before any resize
     * @param resize          the run's resize choice (auto, none, 32, 224)
     * @param trainableFrom   index of the lowest layer that trains (0 = all)
     * @param epochsCompleted epochs finished when the checkpoint was written
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Description(String architecture, String layers, int channels, int height, int width, String resize,
                              int classes, String optimizer, double learningRate, long optimizerSteps,
                              int trainableFrom, int epochsCompleted) {
    }

    /** Adds the description and the optimizer state to a DL4J model zip already written. */
    public static void append(Path zip, Description description, INDArray optimizerState) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(DESCRIPTION, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(description));
        if (optimizerState != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                Nd4j.write(optimizerState, out);
            }
            entries.put(OPTIMIZER_STATE, bytes.toByteArray());
        }
        Checkpoints.addEntries(zip, entries);
    }

    /** The description, if the engine wrote this checkpoint. */
    public static Optional<Description> description(Path zip) {
        return Checkpoints.entry(zip, DESCRIPTION).map(bytes -> {
            try {
                return JSON.readValue(bytes, Description.class);
            } catch (IOException e) {
                throw new IllegalArgumentException(zip + ": its " + DESCRIPTION + " cannot be read ("
                        + e.getMessage() + ")", e);
            }
        });
    }

    /** The optimizer state, if the checkpoint has one. */
    public static Optional<INDArray> optimizerState(Path zip) {
        return Checkpoints.entry(zip, OPTIMIZER_STATE).map(bytes -> {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                return Nd4j.read(in);
            } catch (IOException e) {
                throw new IllegalArgumentException(zip + ": its optimizer state cannot be read ("
                        + e.getMessage() + ")", e);
            }
        });
    }
}
