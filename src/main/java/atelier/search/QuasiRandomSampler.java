package atelier.search;

import java.util.Random;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Points of the unit cube from a Sobol sequence, shifted by a random vector fixed by the seed (Cranley-Patterson
 * rotation): the points cover the cube more evenly than independent random draws (no two trials crowd together
 * while a corner stays empty), and each seed gives another, equally even, set. The n-th point depends only on
 * seed and n, so a resumed search draws exactly the points it would have drawn.
 */
public final class QuasiRandomSampler {
    private final int dimensions;
    private final double[] shift;

    public QuasiRandomSampler(int dimensions, long seed) {
        this.dimensions = dimensions;
        this.shift = new double[dimensions];
        Random random = new Random(seed);
        for (int d = 0; d < dimensions; d++) {
            shift[d] = random.nextDouble();
        }
    }

    /** The point with index {@code n} (from 0). */
    public double[] point(int n) {
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(dimensions);
        double[] raw = sobol.skipTo(n);
        double[] point = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            double value = raw[d] + shift[d];
            point[d] = value - Math.floor(value);
        }
        return point;
    }
}
