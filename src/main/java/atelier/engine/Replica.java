package atelier.engine;

import atelier.nd4j.NativeMemory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One copy of a network's layers: bound to the network's parameters and running statistics (shared by every
 * replica), with a gradient vector and per-batch-size buffers of its own, so that replicas can each take a slice of
 * a batch on a thread of their own ({@link EngineNetwork}'s data parallelism). A network that is not split has one.
 */
final class Replica {
    /**
     * Batch sizes whose buffers are kept: a run uses three (its batch, the epoch's last, smaller batch, and the
     * evaluation chunk). An evicted size's buffers are freed at once.
     */
    private static final int CACHED_BATCH_SIZES = 4;

    final List<EngineLayer> layers;
    final INDArray gradients;
    private final Dims input;
    private final int classes;
    private final Map<Integer, Passes> passes = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Passes> eldest) {
            if (size() > CACHED_BATCH_SIZES) {
                eldest.getValue().release();
                return true;
            }
            return false;
        }
    };

    Replica(Dims input, int classes, List<EngineLayer> layers, INDArray gradients) {
        this.input = input;
        this.classes = classes;
        this.layers = List.copyOf(layers);
        this.gradients = gradients;
    }

    Passes passes(int n) {
        return passes.computeIfAbsent(n, Passes::new);
    }

    /**
     * Forward in training mode (inference mode below {@code trainableFrom}) and backward to layer {@code lowest}:
     * writes this replica's gradients of the loss summed over its {@code n} images and divided by {@code total}, the
     * whole batch's size, so that the replicas' gradients add up to the gradient of the batch's mean loss.
     *
     * @param inputGradient null, or a one-element array that receives the gradient with respect to the input
     *                      (NHWC); the backward pass then runs to the first layer
     * @return the mean loss and the correct count of this replica's images
     */
    EngineNetwork.BatchResult step(INDArray features, INDArray labels, int n, int total, int trainableFrom,
                                   int lowest, INDArray[] inputGradient) {
        Passes pass = passes(n);
        INDArray a = pass.load(features);
        for (int i = 0; i < layers.size(); i++) {
            a = pass.layers[i].forward(a, i < trainableFrom ? Mode.INFER : Mode.TRAIN);
        }
        EngineNetwork.BatchResult result = pass.softmax(a, labels);
        // d(mean cross-entropy)/dz = (softmax - onehot) / total
        Nd4j.exec(new Exp(pass.logProbabilities, pass.outputGradient));
        pass.outputGradient.subi(labels).divi(total);
        INDArray d = pass.outputGradient;
        for (int i = layers.size() - 1; i >= lowest; i--) {
            d = pass.layers[i].backward(d, i > lowest || inputGradient != null);
        }
        if (inputGradient != null) {
            inputGradient[0] = d;
        }
        return result;
    }

    void release() {
        passes.values().forEach(Passes::release);
        passes.clear();
    }

    /** Everything one batch size needs: the input buffer, each layer's pass, the softmax buffers. */
    final class Passes {
        final int n;
        final INDArray images;
        final EngineLayer.Pass[] layers;
        final INDArray logProbabilities;
        final INDArray outputGradient;

        Passes(int n) {
            this.n = n;
            images = Nd4j.create(DataType.FLOAT, n, input.height(), input.width(), input.channels());
            List<EngineLayer> all = Replica.this.layers;
            layers = new EngineLayer.Pass[all.size()];
            for (int i = 0; i < all.size(); i++) {
                layers[i] = all.get(i).pass(n);
            }
            logProbabilities = Nd4j.create(DataType.FLOAT, n, classes);
            outputGradient = Nd4j.create(DataType.FLOAT, n, classes);
        }

        void release() {
            for (EngineLayer.Pass pass : layers) {
                pass.release();
            }
            for (INDArray buffer : new INDArray[] {images, logProbabilities, outputGradient}) {
                NativeMemory.free(buffer);
            }
        }

        /** Copies [n, c, h, w] (or its flattened form) into the NHWC input buffer. */
        INDArray load(INDArray features) {
            INDArray nchw = features.rank() == 4 ? features
                    : features.reshape('c', n, input.channels(), input.height(), input.width());
            if (input.channels() == 1) {
                images.assign(nchw.reshape('c', n, input.height(), input.width(), 1));
            } else {
                images.assign(nchw.permute(0, 2, 3, 1));
            }
            return images;
        }

        EngineNetwork.BatchResult softmax(INDArray logits, INDArray labels) {
            // the softmax for the gradient (exp of this); the loss comes from the logits themselves, see
            // CrossEntropy
            Nd4j.exec(DynamicCustomOp.builder("log_softmax").addInputs(logits).addOutputs(logProbabilities)
                    .addIntegerArguments(1).build());
            // [n, classes] is small: one read on the Java side is cheaper than several native reductions
            return CrossEntropy.of(logits.reshape((long) n * classes).toFloatVector(),
                    labels.reshape((long) n * classes).toFloatVector(), n, classes);
        }
    }
}
