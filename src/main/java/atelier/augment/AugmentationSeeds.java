package atelier.augment;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The random source of augmentation: one generator per batch, seeded from the run's seed, the epoch and the
 * batch's number alone. A batch's augmentation therefore depends on nothing that happened before it, so batches
 * prepared ahead on another thread, in whatever timing, come out as they would one after another; and the same
 * seed gives the same batches.
 */
public final class AugmentationSeeds {
    private AugmentationSeeds() {
    }

    public static RandomGenerator forBatch(long seed, int epoch, int batch) {
        return new SplittableRandom(mix(mix(mix(seed) + epoch) + batch));
    }

    /** The generator of one preview draw (a cell of the tab's grid, a column of the per-transform figure). */
    public static RandomGenerator forDraw(long seed, int draw) {
        return forBatch(seed, 0, draw);
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
