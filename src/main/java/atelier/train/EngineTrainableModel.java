package atelier.train;

import atelier.engine.Dl4jWeights;
import atelier.engine.EngineCheckpoint;
import atelier.engine.EngineNetwork;
import atelier.engine.FlatOptimizer;
import atelier.engine.NetworkBuilder;
import atelier.model.Architecture;
import atelier.model.BuiltModel;
import atelier.model.Checkpoints;
import atelier.nd4j.Nd4jSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run's network on Atelier's engine ({@link atelier.engine}): the engine network computes the steps, the DL4J
 * network built from the same layer list supplies the initial weights (Xavier, He, or a checkpoint) and is what
 * every checkpoint is written as, with the engine's optimizer state beside it.
 */
public final class EngineTrainableModel implements TrainableModel {
    private final EngineNetwork network;
    private final BuiltModel template;
    private final RunSpec spec;
    private final FlatOptimizer optimizer;
    private int epoch = 1;

    /**
     * @param built  the DL4J network of the run, initialised; its weights are copied, it is not trained
     * @param freeze true to train only the output layer
     */
    public EngineTrainableModel(Architecture architecture, BuiltModel built, RunSpec spec, boolean freeze) {
        this.template = built;
        this.spec = spec;
        // one slice of each batch per ND4J thread (the run's environment records the count): see EngineNetwork
        Nd4jSetup.Settings nd4j = Nd4jSetup.current();
        int shards = nd4j == null ? 1 : nd4j.threads();
        this.network = NetworkBuilder.build(architecture, built.networkInput(), built.classes(), spec.seed(), shards);
        Dl4jWeights.copyInto(built.network(), network);
        if (freeze) {
            network.freezeAllButOutput();
        }
        this.optimizer = FlatOptimizer.named(spec.optimizer(), spec.learningRate(), spec.momentum(), false, 0);
    }

    public EngineNetwork network() {
        return network;
    }

    @Override
    public StepResult train(INDArray features, INDArray labels) {
        EngineNetwork.BatchResult result = network.computeGradients(template.adapter().apply(features), labels);
        optimizer.step(network.trainableParameters(), network.trainableGradients(), network.slices());
        return new StepResult(result.loss(), result.correct());
    }

    @Override
    public INDArray predict(INDArray features) {
        return network.probabilities(template.adapter().apply(features));
    }

    @Override
    public void setLearningRate(double rate) {
        optimizer.setLearningRate(rate);
    }

    @Override
    public void finishEpoch() {
        epoch++;
    }

    @Override
    public void save(Path file) throws IOException {
        Dl4jWeights.copyInto(network, template.network());
        ModelSerializer.writeModel(template.network(), file.toFile(), false);
        EngineCheckpoint.append(file, new EngineCheckpoint.Description(spec.architecture(), spec.layers(),
                template.input().channels(), template.input().height(), template.input().width(), spec.resize(),
                template.classes(), spec.optimizer(), optimizer.learningRate(), optimizer.steps(),
                network.trainableFrom(), epoch), optimizer.state());
    }

    @Override
    public void restore(Path checkpoint, int completedEpochs) throws IOException {
        Model saved = Checkpoints.load(checkpoint);
        Dl4jWeights.copyInto(saved, network);
        INDArray state = EngineCheckpoint.optimizerState(checkpoint).orElse(null);
        long steps = EngineCheckpoint.description(checkpoint).map(EngineCheckpoint.Description::optimizerSteps)
                .orElse(0L);
        if (state != null && state.length() % network.trainableParameters().length() != 0) {
            throw new IOException(checkpoint + ": its optimizer state (" + state.length() + " values) does not fit "
                    + "this network's " + network.trainableParameters().length() + " trainable parameters");
        }
        optimizer.restore(state, state == null ? 0 : steps);
        epoch = completedEpochs + 1;
    }

    @Override
    public List<String> frozenLayers() {
        return network.frozenLayerNames();
    }

    @Override
    public void release() {
        network.release();
        optimizer.release();
        // the DL4J network that checkpoints are written through: its parameters, updater and workspaces
        template.network().close();
    }

    @Override
    public long parameterCount() {
        return network.parameterCount();
    }
}
