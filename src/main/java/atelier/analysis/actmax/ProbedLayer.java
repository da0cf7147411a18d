package atelier.analysis.actmax;

/**
 * A layer whose units can be maximized, as the user picks it.
 *
 * @param name  the layer's name in the network
 * @param kind  what one "unit" of it is
 * @param units how many units it has (classes, dense units, or channels)
 */
public record ProbedLayer(String name, Kind kind, int units) {

    public enum Kind {
        /** The output layer before its softmax: one unit per class. Maximizing the softmax itself does not work. */
        LOGITS,
        /** A dense layer's output after its activation. */
        DENSE,
        /** A convolution-shaped output: the unit is the mean of one channel over all positions. */
        CHANNEL_MEAN
    }

    public ProbedLayer {
        if (units < 1) {
            throw new IllegalArgumentException(name + " has no units");
        }
    }

    /**
     * The value of one chosen unit per image: {@code activations} is this layer's output for a batch (image i's
     * row, or its [channels, h, w] map, first), {@code units[i]} the unit of image i.
     */
    public float[] unitValues(org.nd4j.linalg.api.ndarray.INDArray activations, int[] units) {
        float[] values = new float[units.length];
        for (int i = 0; i < units.length; i++) {
            checkUnit(units[i]);
            org.nd4j.linalg.api.ndarray.INDArray unit = activations.slice(i).slice(units[i]);
            values[i] = kind == Kind.CHANNEL_MEAN ? unit.meanNumber().floatValue() : unit.getFloat(0);
        }
        return values;
    }

    public void checkUnit(int unit) {
        if (unit < 0 || unit >= units) {
            throw new IllegalArgumentException("unit " + unit + " does not exist in layer " + name + " (it has "
                    + units + (kind == Kind.CHANNEL_MEAN ? " channels" : " units") + ": 0 to " + (units - 1) + ")");
        }
    }
}
