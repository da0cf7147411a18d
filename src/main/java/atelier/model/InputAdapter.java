package atelier.model;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Brings a batch of images into the form the network takes: [N, channels, height, width], bilinearly resized when
 * the network wants another size (VGG16 at 32x32 or 224x224 for 28x28 data). It is a {@link DataSetPreProcessor} so
 * that training can hang it on its iterator; {@link #apply} serves inference. Resizing here rather than inside the
 * network keeps the network a plain DL4J one that any DL4J tool can save and load, and spends no backpropagation on
 * a step that has nothing to learn.
 */
public final class InputAdapter implements DataSetPreProcessor {
    private static final long serialVersionUID = 1L;

    private final InputShape input;
    private final InputShape output;

    private InputAdapter(InputShape input, InputShape output) {
        this.input = input;
        this.output = output;
    }

    public static InputAdapter none(InputShape input) {
        return new InputAdapter(input, input);
    }

    public static InputAdapter resize(InputShape input, int side) {
        return new InputAdapter(input, input.withSize(side, side));
    }

    /** What the data gives. */
    public InputShape input() {
        return input;
    }

    /** What the network takes. */
    public InputShape output() {
        return output;
    }

    public boolean resizes() {
        return !input.equals(output);
    }

    /** Accepts [N, c, h, w] or flattened [N, c*h*w] features of the input size. */
    public INDArray apply(INDArray features) {
        INDArray images = asImages(features);
        if (!resizes()) {
            return images;
        }
        // ND4J's resize works on channels-last images; half-pixel centres match PyTorch's align_corners=False.
        INDArray channelsLast = images.permute(0, 2, 3, 1).dup('c');
        INDArray resized = Nd4j.create(channelsLast.dataType(), channelsLast.size(0), output.height(), output.width(),
                output.channels());
        // NDImage.resizeBiLinear cannot work out its output shape in M2.1 (null output array), so give it one.
        Nd4j.exec(DynamicCustomOp.builder("resize_bilinear")
                .addInputs(channelsLast)
                .addOutputs(resized)
                .addIntegerArguments(output.height(), output.width())
                .addBooleanArguments(false, true)
                .build());
        return resized.permute(0, 3, 1, 2).dup('c');
    }

    @Override
    public void preProcess(DataSet dataSet) {
        dataSet.setFeatures(apply(dataSet.getFeatures()));
    }

    private INDArray asImages(INDArray features) {
        long batch = features.size(0);
        if (features.rank() == 2 && features.size(1) == input.values()) {
            return features.reshape('c', batch, input.channels(), input.height(), input.width());
        }
        if (features.rank() == 4 && features.size(1) == input.channels() && features.size(2) == input.height()
                && features.size(3) == input.width()) {
            return features;
        }
        throw new ModelException("expected images of " + input.text() + " (as [N, " + input.channels() + ", "
                + input.height() + ", " + input.width() + "] or [N, " + input.values() + "]), got "
                + Arrays.toString(features.shape()));
    }

    @Override
    public String toString() {
        return resizes() ? "resize " + input.height() + "x" + input.width() + " to " + output.height() + "x"
                + output.width() : "none";
    }
}
