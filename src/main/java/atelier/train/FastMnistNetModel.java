package atelier.train;

import atelier.train.fast.MnistNetTrainer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * mnist-net trained by the hand-built step ({@link MnistNetTrainer}, several times faster than DL4J's
 * MultiLayerNetwork here), while the rest of Atelier sees an ordinary DL4J network: the weights start from the
 * catalogue's DL4J mnist-net (so Xavier/He initialisation and checkpoint initialisation apply as for any
 * architecture), and every checkpoint is written as that DL4J network, which the analysis tools and
 * {@code --init checkpoint:} read like any other.
 */
public final class FastMnistNetModel implements TrainableModel {
    private static final int POOLED = 12;
    private static final int CHANNELS = 64;
    private static final String UPDATER_ENTRY = "atelierAdadeltaState.bin";

    private final MnistNetTrainer trainer;
    private final MultiLayerNetwork template;
    private final RunSpec spec;
    private int epoch = 1;

    /** @param initial the catalogue's mnist-net, initialised; its weights are copied, it is not trained */
    public FastMnistNetModel(MultiLayerNetwork initial, RunSpec spec) {
        this.template = initial;
        this.spec = spec;
        this.trainer = new MnistNetTrainer(spec.seed());
        trainer.setParams(fromDl4j(initial));
        trainer.setLearningRate(spec.learningRateAt(epoch));
    }

    /** Whether a run can take the fast step: plain mnist-net on 28×28 grayscale, 10 classes, Adadelta, all layers learning. */
    public static boolean suits(RunSpec spec, int channels, int height, int width, int classes) {
        return "mnist-net".equals(spec.architecture()) && channels == 1 && height == MnistNetTrainer.HEIGHT
                && width == MnistNetTrainer.WIDTH && classes == MnistNetTrainer.CLASSES
                && "adadelta".equals(spec.optimizer()) && !spec.freezeAllButLast();
    }

    @Override
    public StepResult train(INDArray features, INDArray labels) {
        MnistNetTrainer.Result result = trainer.step(features, labels);
        return new StepResult(result.loss(), (int) result.correct());
    }

    @Override
    public INDArray predict(INDArray features) {
        return Transforms.exp(trainer.output(features), true);
    }

    @Override
    public void finishEpoch() {
        epoch++;
        trainer.setLearningRate(spec.learningRateAt(epoch));
    }

    /**
     * The DL4J network (its own updater not saved: this step keeps Adadelta's state itself), and that state in an
     * extra zip entry, which DL4J's readers ignore and {@link #restore} reads.
     */
    @Override
    public void save(Path file) throws IOException {
        toDl4j(trainer.params(), template);
        ModelSerializer.writeModel(template, file.toFile(), false);
        try (FileSystem zip = FileSystems.newFileSystem(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                     Files.newOutputStream(zip.getPath(UPDATER_ENTRY))))) {
            Nd4j.write(trainer.updaterState(), out);
        }
    }

    @Override
    public void restore(Path checkpoint, int completedEpochs) throws IOException {
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), false);
        trainer.setParams(fromDl4j(saved));
        try (FileSystem zip = FileSystems.newFileSystem(checkpoint)) {
            Path entry = zip.getPath(UPDATER_ENTRY);
            if (!Files.exists(entry)) {
                throw new IOException(checkpoint + " holds no optimizer state (written before runs could resume)");
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(entry)))) {
                trainer.setUpdaterState(Nd4j.read(in));
            }
        }
        epoch = completedEpochs + 1;
        trainer.setLearningRate(spec.learningRateAt(epoch));
    }

    @Override
    public List<String> frozenLayers() {
        return List.of();
    }

    @Override
    public long parameterCount() {
        return trainer.numParams();
    }

    /** The layers with parameters, in order: conv1, conv2, fc1, fc2. */
    private static Layer[] parameterLayers(MultiLayerNetwork net) {
        Layer[] layers = java.util.Arrays.stream(net.getLayers()).filter(l -> l.numParams() > 0).toArray(Layer[]::new);
        if (layers.length != 4) {
            throw new IllegalArgumentException("not mnist-net: " + layers.length + " layers with parameters");
        }
        return layers;
    }

    /**
     * DL4J's mnist-net parameters in the trainer's flat layout (see {@link MnistNetTrainer}): convolution weights
     * alike ([out, in, kh, kw]); dense weights input-major alike; but fc1's inputs are DL4J's flattened
     * (channel, row, column) and the trainer's (row, column, channel).
     */
    static INDArray fromDl4j(MultiLayerNetwork net) {
        Layer[] l = parameterLayers(net);
        INDArray fc1 = l[2].getParam("W").dup('c').reshape('c', CHANNELS, POOLED, POOLED, 128)
                .permute(1, 2, 0, 3).dup('c');
        return Nd4j.toFlattened('c', l[0].getParam("W").dup('c'), l[0].getParam("b").dup('c'),
                l[1].getParam("W").dup('c'), l[1].getParam("b").dup('c'), fc1, l[2].getParam("b").dup('c'),
                l[3].getParam("W").dup('c'), l[3].getParam("b").dup('c'));
    }

    /** The reverse of {@link #fromDl4j}: writes the trainer's flat parameters into DL4J's mnist-net. */
    static void toDl4j(INDArray flat, MultiLayerNetwork net) {
        Layer[] l = parameterLayers(net);
        long[] offset = {0};
        assign(l[0], "W", next(flat, offset, l[0].getParam("W")));
        assign(l[0], "b", next(flat, offset, l[0].getParam("b")));
        assign(l[1], "W", next(flat, offset, l[1].getParam("W")));
        assign(l[1], "b", next(flat, offset, l[1].getParam("b")));
        INDArray fc1 = slice(flat, offset, (long) POOLED * POOLED * CHANNELS * 128)
                .reshape('c', POOLED, POOLED, CHANNELS, 128).permute(2, 0, 1, 3).dup('c')
                .reshape('c', (long) CHANNELS * POOLED * POOLED, 128);
        assign(l[2], "W", fc1);
        assign(l[2], "b", next(flat, offset, l[2].getParam("b")));
        assign(l[3], "W", next(flat, offset, l[3].getParam("W")));
        assign(l[3], "b", next(flat, offset, l[3].getParam("b")));
    }

    private static INDArray next(INDArray flat, long[] offset, INDArray like) {
        return slice(flat, offset, like.length()).reshape('c', like.shape());
    }

    private static INDArray slice(INDArray flat, long[] offset, long length) {
        INDArray part = flat.get(NDArrayIndex.interval(offset[0], offset[0] + length));
        offset[0] += length;
        return part;
    }

    private static void assign(Layer layer, String key, INDArray value) {
        layer.getParam(key).assign(value);
    }
}
