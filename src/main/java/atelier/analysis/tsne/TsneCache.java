package atelier.analysis.tsne;

import atelier.data.AtomicFiles;
import atelier.data.Split;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished maps kept in the run's folder ({@code tsne/<layer>-<split>-<limit>-<parameters>.map}), written
 * atomically, so that reopening a map is instant. A damaged or outdated file is ignored (and recomputed).
 */
public final class TsneCache {
    public static final String FOLDER = "tsne";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(TsneCache.class);

    private TsneCache() {
    }

    public static Path file(Path runFolder, String layer, Split split, int limit, TsneParameters parameters) {
        String name = (layer + "-" + split.key() + "-" + (limit > 0 ? "n" + limit : "all") + "-" + parameters.key())
                .replaceAll("[^A-Za-z0-9._-]", "_");
        return runFolder.resolve(FOLDER).resolve(name + ".map");
    }

    /** The cached map, or null when there is none (or it cannot be read). */
    public static TsneMap load(Path runFolder, String layer, Split split, int limit, TsneParameters parameters) {
        Path file = file(runFolder, layer, split, limit, parameters);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (in.readInt() != FORMAT) {
                return null;
            }
            TsneMap.Summary summary = JSON.readValue(in.readUTF(), TsneMap.Summary.class);
            String storedLayer = in.readUTF();
            Split storedSplit = Split.parse(in.readUTF());
            int[] indices = readInts(in);
            int[] labels = readInts(in);
            int[] predicted = readInts(in);
            float[] map = readFloats(in);
            int[] neighbours = readInts(in);
            if (map.length != 2 * indices.length || neighbours.length != MapQuality.VOTERS * indices.length) {
                throw new IOException("inconsistent array lengths");
            }
            return new TsneMap(storedLayer, storedSplit, indices, labels, predicted, map, neighbours, summary);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: the cached t-SNE map cannot be read ({}); it will be computed again", file, e.getMessage());
            return null;
        }
    }

    public static void save(Path runFolder, int limit, TsneParameters parameters, TsneMap map) {
        Path file = file(runFolder, map.layer(), map.split(), limit, parameters);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(JSON.writeValueAsString(map.summary()));
            out.writeUTF(map.layer());
            out.writeUTF(map.split().key());
            writeInts(out, map.indices());
            writeInts(out, map.labels());
            writeInts(out, map.predicted());
            writeFloats(out, map.map());
            writeInts(out, map.featureNeighbors());
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": the t-SNE map could not be written (" + e.getMessage() + ")", e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int value : values) {
            out.writeInt(value);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[checkedLength(in.readInt())];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[checkedLength(in.readInt())];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static int checkedLength(int length) throws IOException {
        if (length < 0 || length > 50_000_000) {
            throw new IOException("bad array length " + length);
        }
        return length;
    }
}
