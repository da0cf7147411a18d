package atelier.model;

import java.util.Locale;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;

/** How fresh weights are drawn. Biases start at zero either way, as DL4J does. */
public enum WeightScheme {
    /** U(-a, a) with a = sqrt(6 / (fanIn + fanOut)): PyTorch's xavier_uniform_, which the sheets ask for. */
    XAVIER_UNIFORM("xavier"),
    /** N(0, 2 / fanIn): He et al. for ReLU networks, PyTorch's kaiming_normal_. */
    HE("he");

    private final String key;

    WeightScheme(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    IWeightInit dl4j() {
        return this == HE ? new WeightInitRelu() : new WeightInitXavierUniform();
    }

    public static WeightScheme parse(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        for (WeightScheme scheme : values()) {
            if (scheme.key.equals(wanted) || scheme.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unknown weight initialisation \"" + text + "\" (xavier or he)");
    }
}
