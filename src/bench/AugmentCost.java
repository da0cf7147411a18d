import atelier.augment.AugmentationPipeline;
import atelier.augment.AugmentationSeeds;
import atelier.augment.Augmenter;
import atelier.augment.ImageShape;
import atelier.augment.PixelScale;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * CPU time of augmenting one batch of 64 MNIST-sized images on one thread, as the preparing thread does: thread CPU
 * time, so that other processes on a shared machine do not inflate it.
 *
 * <pre>java -cp 'target/atelier.jar:target/lib/*' src/bench/AugmentCost.java [SPEC] [BATCHES]</pre>
 */
public final class AugmentCost {
    public static void main(String[] args) {
        String spec = args.length > 0 ? args[0] : "flip:0.5,crop:4";
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        ImageShape shape = new ImageShape(1, 28, 28);
        Augmenter augmenter = AugmentationPipeline.parse(spec).augmenter(shape, new PixelScale(0.1307f, 0.3081f));
        float[] batch = new float[64 * shape.pixels()];
        Random random = new Random(1);
        for (int i = 0; i < batch.length; i++) {
            batch[i] = random.nextFloat();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int b = 0; b < batches / 4; b++) {
            augmenter.augmentBatch(batch, 64, AugmentationSeeds.forBatch(1, 0, b)); // warm-up
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int b = 0; b < batches; b++) {
            augmenter.augmentBatch(batch, 64, AugmentationSeeds.forBatch(1, 1, b));
        }
        double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6 / batches;
        System.out.printf(Locale.ROOT, "%s: %.3f ms of CPU per batch of 64 (%d batches)%n", spec, ms, batches);
    }
}
