package atelier.analysis.actmax;

import atelier.model.ArchitectureCatalog;
import atelier.model.Checkpoints;
import atelier.model.InputAdapter;
import atelier.model.InputShape;
import atelier.model.ModelOptions;
import atelier.engine.NetworkProbe;
import atelier.train.RunRecord;
import atelier.train.RunStore;
import atelier.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run's best checkpoint with what it takes to feed it: the pixel statistics it was trained with and the input
 * shape it takes (VGG16 resizes 28×28 images). Used both for the network being maximized and for the independent
 * judge that scores the images.
 */
public final class RunNetwork {
    private final Path folder;
    private final RunRecord record;
    private final Model network;
    private final PixelScale scale;
    private final InputAdapter adapter;
    private NetworkProbe.Opened probe;

    private RunNetwork(Path folder, RunRecord record, Model network, PixelScale scale, InputAdapter adapter) {
        this.folder = folder;
        this.record = record;
        this.network = network;
        this.scale = scale;
        this.adapter = adapter;
    }

    /**
     * @param run        a run folder or name in the workspace
     * @param dataShape  the dataset's image shape
     * @param dataScale  the dataset's own pixel statistics, for runs that recorded none
     */
    public static RunNetwork open(Workspace workspace, String run, InputShape dataShape,
                                  java.util.function.Supplier<PixelScale> dataScale) {
        Path folder = new RunStore(workspace.runs()).resolve(run);
        RunRecord record = RunStore.read(folder);
        Path checkpoint = folder.resolve(RunStore.BEST);
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalArgumentException(folder + ": has no " + RunStore.BEST + " (the run finished no epoch)");
        }
        Model network = Checkpoints.load(checkpoint);
        PixelScale scale = record.data() != null && record.data().pixelStd() > 0
                ? new PixelScale(record.data().pixelMean(), record.data().pixelStd()) : dataScale.get();
        String architecture = record.spec().architecture();
        InputAdapter adapter = ArchitectureCatalog.names().contains(architecture)
                ? ArchitectureCatalog.named(architecture).adapter(dataShape, ModelOptions.defaults())
                : InputAdapter.none(dataShape);
        return new RunNetwork(folder, record, network, scale, adapter);
    }

    public Path folder() {
        return folder;
    }

    public RunRecord record() {
        return record;
    }

    public Model network() {
        return network;
    }

    public PixelScale scale() {
        return scale;
    }

    /** The network on the engine (opened once), or null where the engine cannot open it (see {@link #whyNoProbe}). */
    public synchronized NetworkProbe probe() {
        if (probe == null) {
            probe = NetworkProbe.openRun(folder.resolve(RunStore.BEST), record.spec().architecture(), adapter.input(),
                    record.spec().resize(), (int) classify(new float[][] {new float[(int) adapter.input().values()]})[0]
                            .length);
        }
        return probe.probe();
    }

    /** Why {@link #probe} is null. */
    public synchronized String whyNoProbe() {
        probe();
        return probe.whyNot();
    }

    /** [channels, height, width] the network takes. */
    public long[] inputShape() {
        InputShape shape = adapter.output();
        return new long[] {shape.channels(), shape.height(), shape.width()};
    }

    /** The shape images have before the adapter (the dataset's). */
    public InputShape dataShape() {
        return adapter.input();
    }

    /** Class probabilities of images given in pixel units (0 to 1), [image][class]. */
    public float[][] classify(float[][] pixels) {
        InputShape shape = adapter.input();
        float[][] inputs = new float[pixels.length][];
        for (int i = 0; i < pixels.length; i++) {
            inputs[i] = new float[pixels[i].length];
            for (int p = 0; p < pixels[i].length; p++) {
                inputs[i][p] = scale.input(pixels[i][p]);
            }
        }
        INDArray features = Nd4j.create(inputs).reshape('c', pixels.length, shape.channels(), shape.height(),
                shape.width());
        INDArray input = adapter.apply(features);
        try {
            return output(input).toFloatMatrix();
        } catch (RuntimeException imagesRefused) {
            // a network with a dense first layer takes flattened rows
            return output(input.reshape('c', input.size(0), input.length() / input.size(0))).toFloatMatrix();
        }
    }

    private INDArray output(INDArray input) {
        return network instanceof MultiLayerNetwork chain ? chain.output(input, false)
                : ((ComputationGraph) network).outputSingle(false, input);
    }
}
