import atelier.augment.AugmentationPipeline;
import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.nd4j.Nd4jSetup;
import atelier.task.Progress;
import atelier.train.bench.TrainBench;
import java.util.Arrays;
import java.util.Locale;

/**
 * What augmentation costs training, measured as `bench train` measures it but with the two cases alternating in one
 * JVM in short segments, so that the load of a shared machine, which swings by several times between two whole
 * `bench train` processes, falls on both alike. Prints each pair's images/s and ratio, and the median ratio.
 *
 * <pre>java -cp 'target/atelier.jar:target/lib/*' src/bench/AugmentOverhead.java [SPEC] [PAIRS] [BATCHES] [BASELINE]</pre>
 *
 * BASELINE is "none" (the bench's own path: batches gathered on the training thread) or a pipeline, e.g. "flip:0",
 * which takes the augmenting path (batches gathered and copied on the preparing thread) but changes no image: the
 * ratio to it is what the transforms themselves cost.
 */
public final class AugmentOverhead {
    public static void main(String[] args) {
        String spec = args.length > 0 ? args[0] : "flip:0.5,crop:4";
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Nd4jSetup.configure(2);
        Dataset mnist = DatasetLoader.load("mnist", Progress.NONE);
        AugmentationPipeline pipeline = AugmentationPipeline.parse(spec);
        AugmentationPipeline baseline = AugmentationPipeline.parse(args.length > 3 ? args[3] : "none");
        double[] ratios = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            // alternate which case goes first, so a trend in the load favours neither
            boolean plainFirst = i % 2 == 0;
            double a = run(mnist, plainFirst ? baseline : pipeline, batches, i);
            double b = run(mnist, plainFirst ? pipeline : baseline, batches, i);
            double plain = plainFirst ? a : b;
            double augmented = plainFirst ? b : a;
            ratios[i] = augmented / plain;
            System.out.printf(Locale.ROOT, "pair %d: %s %.1f, %s %.1f images/s, ratio %.3f%n", i + 1,
                    baseline.text(), plain, spec, augmented, ratios[i]);
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double median = pairs % 2 == 1 ? sorted[pairs / 2] : (sorted[pairs / 2 - 1] + sorted[pairs / 2]) / 2;
        System.out.printf(Locale.ROOT, "median ratio %.3f (min %.3f, max %.3f) over %d pairs of %d batches%n", median,
                sorted[0], sorted[pairs - 1], pairs, batches);
    }

    private static double run(Dataset data, AugmentationPipeline pipeline, int batches, int pair) {
        return TrainBench.train(data, TrainBench.Engine.FUSED, 64, batches, 2, 1 + pair, pipeline).imagesPerSecond();
    }
}
