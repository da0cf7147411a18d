package atelier.model;

import java.util.List;

/**
 * One row of a network's parameter table, read from the DL4J network itself.
 *
 * @param type         the kind of layer ("Conv2D", "MaxPool2D", "BatchNorm", "Dense", "Output", "Add", ...)
 * @param detail       its settings in words ("32 filters 3x3, stride 1, same, relu")
 * @param outputShape  [channels, height, width] for images, [values] for vectors, per example
 * @param trainable    values the optimiser learns (weights, biases, BatchNorm's scale and shift), counted the way
 *                     PyTorch counts parameters, whether or not the layer is frozen now
 * @param nonTrainable values kept but not learned by gradient: BatchNorm's running mean and variance, which
 *                     PyTorch keeps as buffers and DL4J as parameters
 * @param frozen       whether training leaves this layer as it is (DL4J's FrozenLayer or FrozenVertex)
 */
public record LayerRow(String name, String type, String detail, List<Integer> outputShape, long trainable,
                       long nonTrainable, boolean frozen) {

    public LayerRow {
        outputShape = List.copyOf(outputShape);
    }
}
