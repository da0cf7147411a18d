package atelier.model;

import java.util.Locale;
import org.nd4j.linalg.activations.Activation;

/** The activations a layer of a layer list may have. NONE is the identity, e.g. before a batch normalization. */
public enum Nonlinearity {
    NONE(Activation.IDENTITY),
    RELU(Activation.RELU),
    TANH(Activation.TANH),
    SIGMOID(Activation.SIGMOID);

    private final Activation dl4j;

    Nonlinearity(Activation dl4j) {
        this.dl4j = dl4j;
    }

    Activation dl4j() {
        return dl4j;
    }

    public String key() {
        return this == NONE ? "linear" : name().toLowerCase(Locale.ROOT);
    }

    /** Reads "relu", "tanh", "sigmoid", or "linear"/"none". */
    public static Nonlinearity parse(String text) {
        String key = text.toLowerCase(Locale.ROOT);
        if (key.equals("linear") || key.equals("none") || key.equals("identity")) {
            return NONE;
        }
        for (Nonlinearity value : values()) {
            if (value.key().equals(key)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown activation \"" + text + "\" (relu, tanh, sigmoid or linear)");
    }
}
