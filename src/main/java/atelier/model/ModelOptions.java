package atelier.model;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Choices made when a network is built. The updater goes into DL4J's configuration because every DL4J network
 * needs one; the training tab may replace it.
 */
public record ModelOptions(WeightScheme weights, Resize resize, long seed, IUpdater updater) {

    public static ModelOptions defaults() {
        return new ModelOptions(WeightScheme.XAVIER_UNIFORM, Resize.AUTO, 42, new Adam(1e-3));
    }

    public ModelOptions withWeights(WeightScheme newWeights) {
        return new ModelOptions(newWeights, resize, seed, updater);
    }

    public ModelOptions withResize(Resize newResize) {
        return new ModelOptions(weights, newResize, seed, updater);
    }

    public ModelOptions withSeed(long newSeed) {
        return new ModelOptions(weights, resize, newSeed, updater);
    }

    public ModelOptions withUpdater(IUpdater newUpdater) {
        return new ModelOptions(weights, resize, seed, newUpdater);
    }
}
