package atelier.train;

import java.util.Locale;

/** What computes a run's training steps. */
public enum TrainingEngine {
    /** Atelier's engine on ND4J ops ({@link atelier.engine}): every architecture and recipe, the default. */
    FAST,
    /** DL4J's MultiLayerNetwork/ComputationGraph, for comparison ({@code --engine dl4j}). */
    DL4J;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TrainingEngine parse(String text) {
        String key = text.toLowerCase(Locale.ROOT);
        for (TrainingEngine engine : values()) {
            if (engine.key().equals(key)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown engine \"" + text + "\" (fast or dl4j)");
    }
}
