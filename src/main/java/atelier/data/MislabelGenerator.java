package atelier.data;

import atelier.task.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Makes the mislabelled dataset of exercise sheet 2 §1.4: a copy of a dataset as an image folder in which exactly
 * {@code flips} training images carry a wrong label. Which images and which wrong labels depend only on the seed.
 * The truth goes to {@code <out>.truth.csv} beside the folder (never inside it), for scoring detectors only.
 */
public final class MislabelGenerator {
    private MislabelGenerator() {
    }

    /** Result of planning the flips: the label each training image is given. */
    public record Plan(int[] original, int[] given, int[] flippedIndices) {
    }

    public static Plan plan(int[] originalLabels, int classCount, int flips, long seed) {
        if (flips < 0 || flips > originalLabels.length) {
            throw new IllegalArgumentException("--flips must be between 0 and " + originalLabels.length
                    + " (the number of training images), not " + flips);
        }
        if (classCount < 2) {
            throw new IllegalArgumentException("a label can only be flipped with at least two classes");
        }
        Random random = new Random(seed);
        int[] order = new int[originalLabels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // partial Fisher–Yates: the first `flips` positions become a uniform sample without replacement
        for (int i = 0; i < flips; i++) {
            int j = i + random.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] chosen = Arrays.copyOf(order, flips);
        Arrays.sort(chosen);
        int[] given = originalLabels.clone();
        for (int index : chosen) {
            int offset = 1 + random.nextInt(classCount - 1);
            given[index] = (originalLabels[index] + offset) % classCount;
        }
        return new Plan(originalLabels.clone(), given, chosen);
    }

    public static Path truthFile(Path out) {
        Path absolute = out.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".truth.csv");
    }

    public static Plan generate(Dataset source, int flips, long seed, Path out, Progress progress) {
        Path truth = truthFile(out);
        if (Files.exists(truth)) {
            throw new DatasetException(truth + ": already exists; choose a new --out (nothing is overwritten)");
        }
        Plan plan = plan(source.train().labels(), source.classCount(), flips, seed);
        ImageFolderWriter.write(out, source.classes(), source.train(), i -> plan.given()[i],
                source.test(), source.test()::label, progress);
        StringBuilder csv = new StringBuilder("index,original,given\n");
        for (int index : plan.flippedIndices()) {
            csv.append(index).append(',').append(plan.original()[index]).append(',')
                    .append(plan.given()[index]).append('\n');
        }
        AtomicFiles.write(truth, csv.toString().getBytes(StandardCharsets.UTF_8));
        return plan;
    }
}
