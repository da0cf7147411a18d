package atelier.engine;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The weight and bias gradients of a convolution as one matrix product of its input's patches with the output
 * gradient, for a convolution on few input channels (an image's own) that is the lowest layer of the backward pass.
 * There nobody needs the input's gradient, but libnd4j's {@code conv2d_bp} always computes it, and on one input
 * channel slowly: for the first convolution of mnist-net or the encoder (1 → 32 filters, 28×28, batch 32, one
 * thread) {@code conv2d_bp} took 4.1-5.3 ms, the patches and the product 0.7-0.8 ms; that was a tenth of the
 * encoder's whole step. See {@link ConvLayer#PATCH_CHANNELS} for where it stops paying.
 *
 * <p>The patches are {@code channels·k·k} planes, one per weight of a filter, each the input shifted by that
 * weight's offset (strided views of a zero-padded copy for SAME padding), plus a plane of ones whose product with
 * the output gradient is the bias gradient. So {@code [planes, pixels] × [pixels, filters]} gives both at once.
 */
final class PatchWeightGradient {
    private final int channels;
    private final int kernel;
    private final int stride;
    private final Dims out;
    private final INDArray padded;
    private final INDArray interior;
    private final INDArray[] planes;
    /** The windows the planes copy: of the padded copy, or (without padding) of the last input seen. */
    private INDArray[] windows;
    /** The input {@link #windows} are views of, when they are the input's own; null otherwise. */
    private INDArray windowedInput;
    private final INDArray patches;
    private final INDArray product;

    /**
     * @param in      the convolution's input size
     * @param out     its output size
     * @param n       the batch size
     * @param padTop  rows of zeros above the input (those below follow from the sizes)
     * @param padLeft columns of zeros left of it
     * @param buffer  makes the pass's buffers, so that they are freed with it
     */
    PatchWeightGradient(Dims in, Dims out, int n, int kernel, int stride, int padTop, int padLeft,
                        Function<long[], INDArray> buffer) {
        this.channels = in.channels();
        this.kernel = kernel;
        this.stride = stride;
        this.out = out;
        int paddedHeight = Math.max(in.height() + padTop, (out.height() - 1) * stride + kernel);
        int paddedWidth = Math.max(in.width() + padLeft, (out.width() - 1) * stride + kernel);
        boolean padding = padTop > 0 || padLeft > 0 || paddedHeight > in.height() || paddedWidth > in.width();
        int weights = channels * kernel * kernel;
        patches = buffer.apply(new long[] {weights + 1, n, out.height(), out.width()});
        patches.get(NDArrayIndex.point(weights)).assign(1);
        product = buffer.apply(new long[] {weights + 1, out.channels()});
        planes = new INDArray[weights];
        for (int plane = 0; plane < weights; plane++) {
            planes[plane] = patches.get(NDArrayIndex.point(plane));
        }
        if (padding) {
            padded = buffer.apply(new long[] {n, paddedHeight, paddedWidth, channels});
            padded.assign(0);
            interior = padded.get(NDArrayIndex.all(), NDArrayIndex.interval(padTop, padTop + in.height()),
                    NDArrayIndex.interval(padLeft, padLeft + in.width()), NDArrayIndex.all());
            windows = windowsOf(padded);
        } else {
            padded = null;
            interior = null;
            windows = null;
        }
    }

    /**
     * One strided view of {@code source} [n, h, w, channels] per plane: plane c·k·k + ky·k + kx (the order of a
     * filter's weights in DL4J's [filters, channels, k, k]) holds the pixels that weight (c, ky, kx) multiplies.
     */
    private INDArray[] windowsOf(INDArray source) {
        INDArray[] views = new INDArray[planes.length];
        for (int c = 0; c < channels; c++) {
            for (int ky = 0; ky < kernel; ky++) {
                for (int kx = 0; kx < kernel; kx++) {
                    views[(c * kernel + ky) * kernel + kx] = source.get(NDArrayIndex.all(),
                            NDArrayIndex.interval(ky, stride, ky + (out.height() - 1) * stride + 1),
                            NDArrayIndex.interval(kx, stride, kx + (out.width() - 1) * stride + 1),
                            NDArrayIndex.point(c));
                }
            }
        }
        return views;
    }

    private static boolean sameArray(INDArray a, INDArray b) {
        return b != null && a.data() == b.data() && a.offset() == b.offset()
                && java.util.Arrays.equals(a.shape(), b.shape()) && java.util.Arrays.equals(a.stride(), b.stride());
    }

    /**
     * Writes the gradients of the loss with respect to the weights [filters, channels, k, k] and the bias.
     *
     * @param input    the convolution's input [n, h, w, channels]
     * @param gradient the gradient at its output, after the nonlinearity's backward [n, oh, ow, filters]
     */
    void compute(INDArray input, INDArray gradient, INDArray weightGradient, INDArray biasGradient) {
        if (interior != null) {
            interior.assign(input);
        } else if (!sameArray(input, windowedInput)) {
            // the input is a new view of the same buffer at every step: its windows are made once
            windows = windowsOf(input);
            windowedInput = input;
        }
        for (int plane = 0; plane < planes.length; plane++) {
            planes[plane].assign(windows[plane]);
        }
        long pixels = patches.length() / patches.size(0);
        Nd4j.gemm(patches.reshape(patches.size(0), pixels), gradient.reshape(pixels, out.channels()), product,
                false, false, 1.0, 0.0);
        weightGradient.reshape(out.channels(), planes.length)
                .assign(product.get(NDArrayIndex.interval(0, planes.length)).transpose());
        biasGradient.assign(product.get(NDArrayIndex.point(planes.length)));
    }
}
