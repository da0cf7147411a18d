package atelier.engine;

import atelier.nd4j.NativeMemory;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of an {@link EngineNetwork}: its shapes, the tensors it owns in the network's flat parameter vector
 * (and, for batch normalization, in the flat vector of running statistics), and a {@link Pass} per batch size that
 * holds the buffers and computes forward and backward.
 */
abstract class EngineLayer {
    final String name;
    final Dims in;
    final Dims out;

    EngineLayer(String name, Dims in, Dims out) {
        this.name = name;
        this.in = in;
        this.out = out;
    }

    /** Shapes of the trainable tensors, in the order they sit in the flat vector. */
    List<long[]> parameterShapes() {
        return List.of();
    }

    /** Shapes of tensors that are kept but not trained (running statistics). */
    List<long[]> statisticShapes() {
        return List.of();
    }

    /** Hands the layer its views of the flat vectors, one per shape above, in the same order. */
    void bind(List<INDArray> parameters, List<INDArray> gradients, List<INDArray> statistics) {
    }

    /** Layers inside this one that own parameters under their own names (a residual block's two convolutions). */
    List<EngineLayer> parts() {
        return List.of(this);
    }

    long parameterCount() {
        long count = 0;
        for (long[] shape : parameterShapes()) {
            count += Shapes.length(shape);
        }
        return count;
    }

    long statisticCount() {
        long count = 0;
        for (long[] shape : statisticShapes()) {
            count += Shapes.length(shape);
        }
        return count;
    }

    /** Whether this layer's ReLU gate is applied by the max-pool above it instead of by its own backward. */
    boolean leavesReluToPool() {
        return false;
    }

    /** Buffers and computation for batches of {@code n} images. */
    abstract Pass pass(int n);

    /**
     * Forward and backward of one layer at one batch size. {@code forward} returns a buffer owned by the pass (or
     * its input, for layers that leave it unchanged); {@code backward} may overwrite the gradient it is given and
     * returns the gradient of the layer's input, or null when {@code inputGradient} is false and the layer could
     * skip it. Gradients of parameters are written (not added) into the layer's views of the flat gradient.
     *
     * <p>A pass makes its buffers through {@link #buffer}, so that {@link #release} can free them when the network
     * is done with: ND4J frees off-heap memory only when the garbage collector collects an array, which it seldom
     * needs to, so a search that builds a network per trial held gigabytes of dead buffers.
     */
    abstract static class Pass {
        private final List<INDArray> buffers = new java.util.ArrayList<>();
        private final List<Pass> parts = new java.util.ArrayList<>();

        abstract INDArray forward(INDArray x, Mode mode);

        abstract INDArray backward(INDArray dy, boolean inputGradient);

        /** A float buffer of this pass, freed by {@link #release}. */
        final INDArray buffer(long... shape) {
            INDArray buffer = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
            buffers.add(buffer);
            return buffer;
        }

        /** A pass inside this one (a residual block's convolutions), released with it. */
        final Pass part(Pass pass) {
            parts.add(pass);
            return pass;
        }

        /** Frees every buffer of this pass and of its parts; the pass cannot be used afterwards. */
        final void release() {
            buffers.forEach(NativeMemory::free);
            buffers.clear();
            parts.forEach(Pass::release);
            parts.clear();
        }
    }
}
