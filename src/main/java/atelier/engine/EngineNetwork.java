package atelier.engine;

import atelier.nd4j.NativeMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A chain of engine layers ending in a dense output layer with softmax cross-entropy, over one flat parameter
 * vector, one flat gradient vector of the same layout, and one flat vector of running statistics. Activations are
 * NHWC; inputs come as the DL4J network takes them ([n, c, h, w], or flattened [n, c·h·w] in that order).
 *
 * <p>Layers below {@link #trainableFrom} are frozen: they run in inference mode (no dropout, running batch-norm
 * statistics, as DL4J's FrozenLayer does), get no gradient, and the backward pass stops at the lowest trainable
 * layer. Their parameters are a prefix of the flat vector, so the trainable ones are one contiguous view, which is
 * all an optimizer sees.
 *
 * <p>A network built with several shards ({@link NetworkBuilder#build(atelier.model.Architecture,
 * atelier.model.InputShape, int, long, int)}) splits each batch into slices, one per shard, and runs them at once on
 * {@link Replica}s: copies of the layers that share the parameters and running statistics, each with its own
 * gradients and buffers, on threads of their own ({@link Shards}). The slices' gradients add up to the batch's;
 * batch normalization adds its sums across the slices ({@link ShardExchange}), so a split step computes what the
 * unsplit one does, up to float rounding (dropout draws its masks per slice). Not thread safe: a network belongs
 * to one thread at a time.
 */
public final class EngineNetwork {
    /** Bytes of activations one forward chunk may take; larger evaluation batches are cut into chunks. */
    private static final long CHUNK_BYTES = 192L << 20;
    /** Fewest images a slice of a split batch gets: smaller slices do not pay for the threads. */
    static final int MIN_SLICE = 16;
    /** Fewest values a range of a vector split across the shards gets ({@link #slices()}). */
    private static final long MIN_RANGE = 1L << 16;

    private final Dims input;
    private final List<EngineLayer> layers;
    private final List<Replica> replicas;
    private final ShardExchange exchange;
    private final Shards shards;
    private final int classes;
    private final INDArray parameters;
    private final INDArray gradients;
    private final INDArray statistics;
    private final long[] parameterOffsets;
    private final int inferenceChunk;
    private int trainableFrom;

    /** Loss and accuracy of a batch, from the forward pass that computed the gradients. */
    public record BatchResult(double loss, int correct, int count) {
    }

    EngineNetwork(Dims input, List<EngineLayer> layers) {
        this(input, List.of(layers), new ShardExchange(1));
    }

    /**
     * @param replicaLayers one layer list per shard, each built from the same layer list (the first is the network's
     *                      own: names, shapes and probes refer to it)
     * @param exchange      the exchange their batch-normalization layers joined
     */
    EngineNetwork(Dims input, List<List<EngineLayer>> replicaLayers, ShardExchange exchange) {
        this.input = input;
        this.layers = List.copyOf(replicaLayers.get(0));
        this.exchange = exchange;
        this.shards = new Shards(replicaLayers.size());
        EngineLayer output = layers.get(layers.size() - 1);
        if (!(output instanceof DenseLayer)) {
            throw new IllegalArgumentException("the last layer must be the dense output layer");
        }
        this.classes = output.out.channels();
        long parameterCount = 0;
        long statisticCount = 0;
        parameterOffsets = new long[layers.size() + 1];
        long perImage = input.size();
        for (int i = 0; i < layers.size(); i++) {
            parameterOffsets[i] = parameterCount;
            for (EngineLayer part : layers.get(i).parts()) {
                parameterCount += part.parameterCount();
                statisticCount += part.statisticCount();
                perImage += part.out.size();
            }
        }
        parameterOffsets[layers.size()] = parameterCount;
        parameters = Nd4j.create(DataType.FLOAT, Math.max(1, parameterCount));
        gradients = Nd4j.create(DataType.FLOAT, Math.max(1, parameterCount));
        statistics = Nd4j.create(DataType.FLOAT, Math.max(1, statisticCount));
        List<Replica> copies = new ArrayList<>();
        for (List<EngineLayer> replica : replicaLayers) {
            INDArray own = copies.isEmpty() ? gradients : Nd4j.create(DataType.FLOAT, Math.max(1, parameterCount));
            long[] p = {0};
            long[] g = {0};
            long[] s = {0};
            for (EngineLayer layer : replica) {
                for (EngineLayer part : layer.parts()) {
                    part.bind(Shapes.views(parameters, p, part.parameterShapes()),
                            Shapes.views(own, g, part.parameterShapes()),
                            Shapes.views(statistics, s, part.statisticShapes()));
                    if (part instanceof BatchNormLayer norm && copies.isEmpty()) {
                        norm.initialise();
                    }
                }
            }
            copies.add(new Replica(input, classes, replica, own));
        }
        replicas = List.copyOf(copies);
        // each replica keeps buffers for its chunk: together they stay within CHUNK_BYTES
        inferenceChunk = (int) Math.max(1, Math.min(1000, CHUNK_BYTES / replicas.size() / (4 * perImage)));
    }

    /** How many slices a batch of {@code n} is split into: one per shard, each of at least {@link #MIN_SLICE}. */
    int slicesFor(long n) {
        return (int) Math.max(1, Math.min(shards.count(), n / MIN_SLICE));
    }

    /** Shards this network was built with: at most this many slices of a batch run at once. */
    public int shardCount() {
        return shards.count();
    }

    public int classes() {
        return classes;
    }

    /**
     * Frees every buffer, parameter and statistic of this network now, instead of whenever the garbage collector
     * gets to them (ND4J frees off-heap memory only then); the network cannot be used afterwards. A search builds a
     * network per trial, and without this held gigabytes of dead buffers.
     */
    public void release() {
        shards.close();
        for (Replica replica : replicas) {
            replica.release();
            if (replica.gradients != gradients) {
                NativeMemory.free(replica.gradients);
            }
        }
        for (INDArray flat : new INDArray[] {parameters, gradients, statistics}) {
            NativeMemory.free(flat);
        }
    }

    /** Trainable and running-statistics values together, as DL4J counts a network's parameters. */
    public long parameterCount() {
        return parameterOffsets[layers.size()] + statisticCount();
    }

    long trainableParameterCount() {
        return parameterOffsets[layers.size()] - parameterOffsets[trainableFrom];
    }

    private long statisticCount() {
        return layers.stream().flatMap(l -> l.parts().stream()).mapToLong(EngineLayer::statisticCount).sum();
    }

    /** The flat parameter vector, live. */
    public INDArray parameters() {
        return parameters;
    }

    /** The gradients of the last {@link #computeGradients} call, in the layout of {@link #parameters()}, live. */
    public INDArray gradients() {
        return gradients;
    }

    /** Running statistics of the batch-normalization layers, live. */
    public INDArray statistics() {
        return statistics;
    }

    /** The trainable part of the parameters: a view, empty-free (at least the output layer trains). */
    public INDArray trainableParameters() {
        return tail(parameters);
    }

    public INDArray trainableGradients() {
        return tail(gradients);
    }

    private INDArray tail(INDArray flat) {
        return flat.get(NDArrayIndex.interval(parameterOffsets[trainableFrom], parameterOffsets[layers.size()]));
    }

    /** Freezes every layer below the output layer (finetuning the last layer). */
    public void freezeAllButOutput() {
        freezeBelow(layers.size() - 1);
    }

    /** Freezes the layers with index below {@code index} (0 = nothing frozen). */
    public void freezeBelow(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IllegalArgumentException("layer index " + index + " is not in 0.." + (layers.size() - 1));
        }
        trainableFrom = index;
    }

    /** Index of the lowest layer that trains; the layers below it are frozen. */
    public int trainableFrom() {
        return trainableFrom;
    }

    /** Names of frozen layers that have parameters. */
    public List<String> frozenLayerNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < trainableFrom; i++) {
            for (EngineLayer part : layers.get(i).parts()) {
                if (part.parameterCount() > 0) {
                    names.add(part.name);
                }
            }
        }
        return names;
    }

    List<EngineLayer> layers() {
        return layers;
    }

    /** Every layer that owns parameters or statistics, residual blocks opened up, in flat-vector order. */
    List<EngineLayer> parameterLayers() {
        return layers.stream().flatMap(l -> l.parts().stream())
                .filter(l -> l.parameterCount() > 0 || l.statisticCount() > 0).toList();
    }

    Dims inputDims() {
        return input;
    }

    /**
     * Forward in training mode and backward to the lowest trainable layer: fills {@link #trainableGradients()}
     * with the gradient of the batch's mean cross-entropy and updates batch-norm running statistics.
     *
     * @param features [n, c, h, w] or [n, c·h·w]
     * @param labels   one-hot [n, classes]
     */
    public BatchResult computeGradients(INDArray features, INDArray labels) {
        return computeGradients(features, labels, null);
    }

    /**
     * The same, and when {@code inputGradient} is given (a one-element array) also the gradient of the loss with
     * respect to the input, in the input's [n, c, h, w] layout (the backward pass then runs to the first layer).
     */
    BatchResult computeGradients(INDArray features, INDArray labels, INDArray[] inputGradient) {
        int n = checkBatch(features, labels);
        int lowest = inputGradient != null ? 0 : lowestTrainableLayer();
        int slices = inputGradient != null ? 1 : slicesFor(n);
        exchange.begin(slices);
        if (slices == 1) {
            BatchResult result = replicas.get(0).step(features, labels, n, n, trainableFrom, lowest, inputGradient);
            if (inputGradient != null) {
                inputGradient[0] = toDl4jLayout(inputGradient[0], input);
            }
            return result;
        }
        int trainable = trainableFrom;
        List<BatchResult> results = shards.runSlices(n, slices, (r, start, end) -> replicas.get(r).step(
                Shapes.rows(features, start, end), Shapes.rows(labels, start, end), (int) (end - start), n,
                trainable, lowest, null), exchange::abort);
        INDArray total = tail(gradients);
        List<INDArray> others = new ArrayList<>();
        for (int r = 1; r < slices; r++) {
            others.add(tail(replicas.get(r).gradients));
        }
        // the slices' gradients, added in shard order, each range of the vector on its own thread
        slices().run(total.length(), (from, to) -> {
            INDArray range = total.get(NDArrayIndex.interval(from, to));
            for (INDArray other : others) {
                range.addi(other.get(NDArrayIndex.interval(from, to)));
            }
        });
        double loss = 0;
        int correct = 0;
        for (BatchResult result : results) {
            loss += result.loss() * result.count();
            correct += result.correct();
        }
        return new BatchResult(loss / n, correct, n);
    }

    /** Ranges of a vector of the parameters' layout, one per shard, worked on at once (see {@link Shards}). */
    public FlatOptimizer.Slices slices() {
        return shards.ranges(MIN_RANGE);
    }

    private int lowestTrainableLayer() {
        for (int i = trainableFrom; i < layers.size(); i++) {
            if (parameterOffsets[i + 1] > parameterOffsets[i]) {
                return i;
            }
        }
        return layers.size() - 1;
    }

    /** Class probabilities [n, classes] in inference mode, computed in chunks that bound the memory; a new array. */
    public INDArray probabilities(INDArray features) {
        INDArray logits = forwardTo(layers.size() - 1, features);
        INDArray out = logits.dup();
        Nd4j.exec(DynamicCustomOp.builder("softmax").addInputs(logits).addOutputs(out).addIntegerArguments(1).build());
        return out;
    }

    /** Mean loss and correct count over a set, in inference mode. */
    public BatchResult evaluate(INDArray features, INDArray labels) {
        INDArray p = probabilities(features);
        int n = (int) p.size(0);
        float[] probability = p.reshape((long) n * classes).toFloatVector();
        float[] onehot = labels.reshape((long) n * classes).toFloatVector();
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int predicted = 0;
            int label = 0;
            for (int c = 0; c < classes; c++) {
                int k = i * classes + c;
                if (probability[k] > probability[i * classes + predicted]) {
                    predicted = c;
                }
                if (onehot[k] > onehot[i * classes + label]) {
                    label = c;
                }
            }
            loss -= Math.log(Math.max(probability[i * classes + label], 1e-12));
            correct += predicted == label ? 1 : 0;
        }
        return new BatchResult(n == 0 ? 0 : loss / n, correct, n);
    }

    /**
     * The output of layer {@code index} in inference mode for all of {@code features}, as DL4J lays it out
     * ([n, c, h, w] for images, [n, units] for vectors); a new array.
     */
    INDArray forwardTo(int index, INDArray features) {
        return forwardTo(new int[] {index}, features)[0];
    }

    /**
     * The outputs of several layers from one inference pass per chunk (t-SNE wants a hidden layer and the logits
     * without running the network twice), each as {@link #forwardTo(int, INDArray)} gives it.
     */
    INDArray[] forwardTo(int[] indices, INDArray features) {
        int deepest = java.util.Arrays.stream(indices).max().orElseThrow();
        long total = features.size(0);
        // equal chunks: each batch size keeps buffers of its own (a cached pass), so 1,000 test images as 500 + 500
        // reuse one pass every epoch, where 685 + 315 would have made two, and evicted others, every epoch; as many
        // chunks as shards at least, so that every shard has one
        int slices = slicesFor(total);
        long pieces = Math.max(slices, (total + inferenceChunk - 1) / inferenceChunk);
        pieces = (pieces + slices - 1) / slices * slices;
        long chunk = total == 0 ? inferenceChunk : (total + pieces - 1) / pieces;
        List<long[]> ranges = new ArrayList<>();
        for (long start = 0; start < total; start += chunk) {
            ranges.add(new long[] {start, Math.min(total, start + chunk)});
        }
        List<INDArray[]> outputs = new ArrayList<>();
        for (int wave = 0; wave < ranges.size(); wave += slices) {
            List<Callable<INDArray[]>> tasks = new ArrayList<>();
            for (int r = 0; r < slices && wave + r < ranges.size(); r++) {
                long[] range = ranges.get(wave + r);
                INDArray part = ranges.size() == 1 ? features : Shapes.rows(features, range[0], range[1]);
                Replica replica = replicas.get(r);
                tasks.add(() -> infer(replica, part, (int) (range[1] - range[0]), indices, deepest));
            }
            outputs.addAll(shards.run(tasks, () -> { }));
        }
        INDArray[] joined = new INDArray[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int which = k;
            INDArray[] parts = outputs.stream().map(o -> o[which]).toArray(INDArray[]::new);
            joined[k] = parts.length == 1 ? parts[0] : Nd4j.concat(0, parts);
        }
        return joined;
    }

    /** One chunk's outputs of the layers {@code indices}, in inference mode, on one replica. */
    private INDArray[] infer(Replica replica, INDArray part, int n, int[] indices, int deepest) {
        Replica.Passes pass = replica.passes(n);
        INDArray[] outputs = new INDArray[indices.length];
        INDArray a = pass.load(part);
        for (int i = 0; i <= deepest; i++) {
            a = pass.layers[i].forward(a, Mode.INFER);
            for (int k = 0; k < indices.length; k++) {
                if (indices[k] == i) {
                    outputs[k] = toDl4jLayout(a, layers.get(i).out);
                }
            }
        }
        return outputs;
    }

    /**
     * d(sum over the batch of unit {@code unit} of layer {@code index})/d(input), in inference mode, for every image
     * of the batch: [n, c, h, w] in the network's input layout. {@code unit} counts in DL4J's layout of that
     * layer's output (a class of the output layer's logits, a unit of a dense layer, a (channel, row, column) of a
     * convolution's map).
     */
    INDArray inputGradient(int index, long unit, INDArray features) {
        Dims dims = layers.get(index).out;
        if (unit < 0 || unit >= dims.size()) {
            throw new IllegalArgumentException(layers.get(index).name + " has " + dims.size() + " units, not "
                    + (unit + 1));
        }
        int n = (int) features.size(0);
        INDArray seed = Nd4j.zeros(DataType.FLOAT, n, dims.size());
        // the unit in the engine's (row, column, channel) order
        long c = dims.isVector() ? unit : unit / ((long) dims.height() * dims.width());
        long pixel = dims.isVector() ? 0 : unit % ((long) dims.height() * dims.width());
        seed.get(NDArrayIndex.all(), NDArrayIndex.point(pixel * dims.channels() + c)).assign(1);
        return backwardToInput(index, seed.reshape(dims.batch(n)), features);
    }

    /**
     * d(sum over the batch and units of weights ⊙ output of layer {@code index})/d(input), in inference mode:
     * {@code weights} has the layer output's DL4J layout ([n, units] or [n, c, h, w]), so a one-hot row per image
     * asks each image for a different unit, and a channel filled with 1/(h·w) for that channel's mean.
     */
    INDArray inputGradient(int index, INDArray weights, INDArray features) {
        int n = (int) features.size(0);
        Dims dims = layers.get(index).out;
        long[] expected = dims.isVector() ? new long[] {n, dims.channels()}
                : new long[] {n, dims.channels(), dims.height(), dims.width()};
        if (!java.util.Arrays.equals(weights.shape(), expected)) {
            throw new IllegalArgumentException("weights for " + layers.get(index).name + " must be "
                    + java.util.Arrays.toString(expected) + ", got " + java.util.Arrays.toString(weights.shape()));
        }
        INDArray floats = weights.castTo(DataType.FLOAT);
        INDArray seed = dims.isVector() ? floats.dup('c') : floats.permute(0, 2, 3, 1).dup('c');
        return backwardToInput(index, seed.reshape(dims.batch(n)), features);
    }

    /**
     * Forward to layer {@code index} in inference mode, then its gradient {@code d} back to the input; the images
     * are independent in inference, so a split network gives each shard a slice of them.
     */
    private INDArray backwardToInput(int index, INDArray d, INDArray features) {
        int n = (int) features.size(0);
        int slices = slicesFor(n);
        List<INDArray> parts = shards.runSlices(n, slices, (r, start, end) -> backwardToInput(replicas.get(r), index,
                slices == 1 ? d : Shapes.rows(d, start, end).dup(),
                slices == 1 ? features : Shapes.rows(features, start, end), (int) (end - start)), () -> { });
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    private INDArray backwardToInput(Replica replica, int index, INDArray d, INDArray features, int n) {
        Replica.Passes pass = replica.passes(n);
        INDArray a = pass.load(features);
        for (int i = 0; i <= index; i++) {
            a = pass.layers[i].forward(a, Mode.INFER);
        }
        if (layers.get(index).leavesReluToPool()) {
            Activations.backward(atelier.model.Nonlinearity.RELU, a, d, a.ulike());
        }
        for (int i = index; i >= 0; i--) {
            d = pass.layers[i].backward(d, true);
        }
        return toDl4jLayout(d, input);
    }

    int indexOf(String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name.equals(name)) {
                return i;
            }
        }
        List<String> names = layers.stream().map(l -> l.name).toList();
        throw new IllegalArgumentException("no layer named \"" + name + "\" (the layers are " + names + ")");
    }

    static INDArray toDl4jLayout(INDArray a, Dims dims) {
        if (dims.isVector()) {
            return a.reshape(a.size(0), dims.channels()).dup();
        }
        return a.reshape(a.size(0), dims.height(), dims.width(), dims.channels()).permute(0, 3, 1, 2).dup('c');
    }

    private int checkBatch(INDArray features, INDArray labels) {
        long n = features.size(0);
        if (n < 1 || features.length() != n * input.size()) {
            throw new IllegalArgumentException("expected " + n + " images of " + input.channels() + "x"
                    + input.height() + "x" + input.width() + ", got " + java.util.Arrays.toString(features.shape()));
        }
        if (labels.rank() != 2 || labels.size(0) != n || labels.size(1) != classes) {
            throw new IllegalArgumentException("labels must be one-hot [" + n + "," + classes + "], got "
                    + java.util.Arrays.toString(labels.shape()));
        }
        return (int) n;
    }
}
