package atelier.model;

import atelier.data.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Networks saved as DL4J model zips (ModelSerializer's format, which is also the zoo's), and initialising a new
 * network from one: every layer whose parameters have the same names and shapes gets the saved values, the rest keep
 * their fresh initialisation. This is what finetuning on another dataset needs (MNIST weights into a Fashion-MNIST
 * run), and it tolerates a different head or added BatchNorm layers.
 */
public final class Checkpoints {
    private static final String CONFIGURATION_ENTRY = "configuration.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATELIER_FOLDER = "atelier";

    private Checkpoints() {
    }

    /** Writes the network with its updater state, so that training can go on from it. */
    public static void save(BuiltModel model, Path file) {
        Path temp = AtomicFiles.temporarySibling(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ModelSerializer.writeModel(model.network(), temp.toFile(), true);
            AtomicFiles.move(temp, file);
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(temp);
            throw new ModelException(file + ": the model could not be saved (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Adds (or replaces) entries in a written model zip, under {@code atelier/}: state of Atelier's own (the
     * learning-rate schedule, the training engine's optimizer state) kept beside DL4J's configuration rather than
     * inside it, so that a DL4J program without Atelier's classes reads the zip as any other model file and
     * ignores these entries.
     */
    public static void addEntries(Path zip, Map<String, byte[]> entries) throws IOException {
        // rewritten with java.util.zip rather than edited through a zip file system: DL4J's reader refuses the
        // directory entries and data descriptors that the latter writes
        Path rewritten = AtomicFiles.temporarySibling(zip);
        try (ZipFile source = new ZipFile(zip.toFile());
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry entry : java.util.Collections.list(source.entries())) {
                String name = entry.getName();
                if (name.startsWith(ATELIER_FOLDER + "/") && entries.containsKey(name.substring(ATELIER_FOLDER.length() + 1))) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                try (InputStream in = source.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(ATELIER_FOLDER + "/" + entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(rewritten);
            throw e;
        }
        AtomicFiles.move(rewritten, zip);
    }

    /** An entry that {@link #addEntries} wrote, if the file has it. */
    public static java.util.Optional<byte[]> entry(Path zip, String name) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry(ATELIER_FOLDER + "/" + name);
            if (entry == null) {
                return java.util.Optional.empty();
            }
            try (InputStream in = file.getInputStream(entry)) {
                return java.util.Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new ModelException(zip + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** A MultiLayerNetwork or a ComputationGraph, whichever the file holds. */
    public static Model load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException(file + ": no such file");
        }
        boolean graph = holdsGraph(file);
        try {
            return graph ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new ModelException(file + ": the DL4J model in it cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Loads {@code file} and copies what fits into {@code target}'s network, in place. */
    public static TransferReport initialiseFrom(BuiltModel target, Path file) {
        return copyMatching(load(file), String.valueOf(file.getFileName()), target);
    }

    /**
     * Copies into {@code target} the parameters of every layer of {@code source} that matches one of its layers:
     * paired by name when the networks share layer names, else by the order of their layers with parameters.
     */
    public static TransferReport copyMatching(Model source, String sourceName, BuiltModel target) {
        List<ParamLayer> from = paramLayers(source);
        List<ParamLayer> to = paramLayers(target.network());
        Map<String, ParamLayer> fromByName = new LinkedHashMap<>();
        from.forEach(layer -> fromByName.put(layer.name, layer));
        boolean byName = to.stream().anyMatch(layer -> fromByName.containsKey(layer.name));
        List<TransferReport.Copied> copied = new ArrayList<>();
        List<TransferReport.Left> left = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            ParamLayer layer = to.get(i);
            ParamLayer match = byName ? fromByName.get(layer.name) : i < from.size() ? from.get(i) : null;
            if (match == null) {
                left.add(new TransferReport.Left(layer.name, byName ? "no layer of that name in " + sourceName
                        : sourceName + " has only " + from.size() + " layers with parameters"));
                continue;
            }
            String problem = mismatch(match, layer);
            if (problem != null) {
                left.add(new TransferReport.Left(layer.name, problem));
                continue;
            }
            String note = copy(match, layer);
            copied.add(new TransferReport.Copied(layer.name, match.name, note));
        }
        return new TransferReport(sourceName, byName ? TransferReport.Matching.BY_NAME
                : TransferReport.Matching.BY_POSITION, copied, left);
    }

    private static boolean holdsGraph(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(CONFIGURATION_ENTRY);
            if (entry == null) {
                throw new ModelException(file + ": not a DL4J model file (it has no " + CONFIGURATION_ENTRY + ")");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                JsonNode configuration = JSON.readTree(in);
                return configuration.has("vertices");
            }
        } catch (IOException e) {
            throw new ModelException(file + ": not a DL4J model file (" + e.getMessage() + ")", e);
        }
    }

    /** Why {@code from}'s values cannot go into {@code to}, or null when they can. */
    private static String mismatch(ParamLayer from, ParamLayer to) {
        if (!from.params.keySet().equals(to.params.keySet())) {
            return "its parameters are " + to.params.keySet() + ", " + from.name + "'s are " + from.params.keySet();
        }
        if (!Objects.equals(flattening(from.preProcessor), flattening(to.preProcessor))) {
            return "its input is flattened by " + flattening(to.preProcessor) + " and " + from.name + "'s by "
                    + flattening(from.preProcessor) + ", so the weights would meet their inputs in another order";
        }
        for (Map.Entry<String, INDArray> param : to.params.entrySet()) {
            long[] want = param.getValue().shape();
            long[] have = from.params.get(param.getKey()).shape();
            if (!Arrays.equals(want, have) && !greyFromRgb(from, to, param.getKey())) {
                return param.getKey() + " is " + Arrays.toString(want) + ", " + from.name + "'s is "
                        + Arrays.toString(have);
            }
        }
        return null;
    }

    private static String copy(ParamLayer from, ParamLayer to) {
        boolean summed = false;
        for (Map.Entry<String, INDArray> param : to.params.entrySet()) {
            INDArray values = from.params.get(param.getKey());
            if (greyFromRgb(from, to, param.getKey())) {
                values = values.sum(true, 1);
                summed = true;
            }
            param.getValue().assign(values);
        }
        return summed ? "RGB weights summed for one channel" : "";
    }

    /**
     * A colour network's first convolution into a grey one: summing the weights over the three input channels gives
     * a grey image the response the colour network had to that image repeated in R, G and B.
     */
    private static boolean greyFromRgb(ParamLayer from, ParamLayer to, String key) {
        if (!(to.conf instanceof ConvolutionLayer) || !DefaultParamInitializer.WEIGHT_KEY.equals(key)) {
            return false;
        }
        long[] want = to.params.get(key).shape();
        long[] have = from.params.get(key).shape();
        return want.length == 4 && have.length == 4 && want[1] == 1 && have[1] == 3 && want[0] == have[0]
                && want[2] == have[2] && want[3] == have[3];
    }

    /** Only how an input is flattened matters for the weights; other preprocessors leave values in order. */
    private static String flattening(InputPreProcessor preProcessor) {
        if (preProcessor == null) {
            return null;
        }
        String name = preProcessor.getClass().getSimpleName();
        return name.contains("ToFeedForward") || name.contains("Flatten") ? name : null;
    }

    /** A layer with parameters: its name, configuration, input preprocessor and live parameter views. */
    private record ParamLayer(String name, Layer conf, InputPreProcessor preProcessor, Map<String, INDArray> params) {
    }

    private static List<ParamLayer> paramLayers(Model network) {
        List<ParamLayer> layers = new ArrayList<>();
        if (network instanceof MultiLayerNetwork chain) {
            MultiLayerConfiguration conf = chain.getLayerWiseConfigurations();
            for (int i = 0; i < chain.getnLayers(); i++) {
                Layer layer = NetworkInspector.unwrap(conf.getConf(i).getLayer());
                Map<String, INDArray> params = chain.getLayer(i).paramTable();
                String name = layer.getLayerName() != null ? layer.getLayerName() : String.valueOf(i);
                if (!params.isEmpty()) {
                    layers.add(new ParamLayer(name, layer, conf.getInputPreProcess(i), params));
                }
            }
        } else if (network instanceof ComputationGraph graph) {
            ComputationGraphConfiguration conf = graph.getConfiguration();
            for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
                if (entry.getValue() instanceof LayerVertex vertex) {
                    Map<String, INDArray> params = graph.getLayer(entry.getKey()).paramTable();
                    if (!params.isEmpty()) {
                        layers.add(new ParamLayer(entry.getKey(), NetworkInspector.unwrap(
                                vertex.getLayerConf().getLayer()), vertex.getPreProcessor(), params));
                    }
                }
            }
        } else {
            throw new ModelException("unsupported network type " + network.getClass().getSimpleName());
        }
        return layers;
    }
}
