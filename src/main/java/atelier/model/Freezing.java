package atelier.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;

/**
 * Freezing through DL4J's TransferLearning API, so that frozen layers are DL4J's own FrozenLayer and FrozenVertex:
 * they get no updates, run in inference mode (no dropout, BatchNorm uses and keeps its running statistics), and are
 * saved and loaded as frozen.
 */
public final class Freezing {
    private Freezing() {
    }

    /**
     * Freezes every layer before the output layer, the last dense layer of every architecture here, which alone
     * keeps learning: finetuning a trained feature extractor on a new dataset (sheet 1 Q1.5).
     */
    public static BuiltModel allButLastDense(BuiltModel model) {
        if (model.network() instanceof MultiLayerNetwork chain) {
            int lastFrozen = chain.getnLayers() - 2;
            if (lastFrozen < 0) {
                return model;
            }
            return model.withNetwork(new TransferLearning.Builder(chain).setFeatureExtractor(lastFrozen).build());
        }
        ComputationGraph graph = model.graph();
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String output = conf.getNetworkOutputs().get(0);
        List<String> beforeOutput = conf.getVertexInputs().get(output).stream()
                .filter(name -> !conf.getNetworkInputs().contains(name))
                .toList();
        if (beforeOutput.isEmpty()) {
            return model;
        }
        return model.withNetwork(new TransferLearning.GraphBuilder(graph)
                .setFeatureExtractor(beforeOutput.toArray(String[]::new))
                .build());
    }
}
