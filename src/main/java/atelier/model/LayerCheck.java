package atelier.model;

import java.util.List;

/**
 * What the shape arithmetic says about one row of a layer list: its output shape and parameter counts, or why it
 * cannot work. Rows after the first error have no shape (they cannot be known) and no error of their own.
 *
 * @param index       position in the list; the output layer comes last, at the list's size
 * @param name        the name the layer gets in the network (conv1, fc2, output, ...)
 * @param text        the layer in its text form
 * @param outputShape [channels, height, width] for images, [values] for vectors, empty when unknown
 * @param error       null when the layer fits
 */
public record LayerCheck(int index, String name, String text, List<Integer> outputShape, long trainable,
                         long nonTrainable, String error) {

    public LayerCheck {
        outputShape = List.copyOf(outputShape);
    }

    public boolean ok() {
        return error == null;
    }

    public boolean shapeKnown() {
        return !outputShape.isEmpty();
    }
}
