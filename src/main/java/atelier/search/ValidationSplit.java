package atelier.search;

import atelier.data.LabelView;
import atelier.train.TrainingData;
import java.util.Arrays;
import java.util.Random;

/**
 * The training split cut in two, once per search and by its seed: the validation images that score every trial,
 * and the training part that trials learn from. The test set takes no part in the search. Each trial reads the
 * training part as a stream in an order of its own, so that going up a rung means seeing the next images of that
 * stream, wrapping round to a new pass when the part is used up.
 *
 * @param validation indices in the training split, sorted
 * @param trainPart  the other usable training images, sorted
 */
public record ValidationSplit(int[] validation, int[] trainPart) {

    /**
     * @param limitTrain use only this many training images (0 = all), the same subset {@code train --limit-train}
     *                   takes with this seed, so the final retraining learns from exactly the images of the search
     * @param wanted     validation images wanted; at most a fifth of the images are held out
     */
    public static ValidationSplit of(LabelView view, int limitTrain, int wanted, long seed) {
        int[] usable = TrainingData.usableTrainingImages(view);
        if (limitTrain > 0 && limitTrain < usable.length) {
            // the same draw as TrainingData.from(view, limitTrain, seed)
            shuffle(usable, new Random(seed));
            usable = Arrays.copyOf(usable, limitTrain);
            Arrays.sort(usable);
        }
        int held = Math.min(wanted, usable.length / 5);
        if (held < 1 || usable.length - held < 1) {
            throw new IllegalArgumentException(view.dataset().name() + " has only " + usable.length
                    + " usable training images: too few to hold out validation images");
        }
        int[] order = usable.clone();
        shuffle(order, new Random(seed * 7919 + 17));
        int[] validation = Arrays.copyOf(order, held);
        int[] train = Arrays.copyOfRange(order, held, order.length);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new ValidationSplit(validation, train);
    }

    /**
     * The images a trial learns from on its way from {@code fromImage} to {@code toImage} images seen: positions
     * [from, to) of its own ordering of the training part (fixed by the search's seed and the trial).
     */
    public int[] slice(long searchSeed, int trial, long fromImage, long toImage) {
        if (toImage <= fromImage) {
            throw new IllegalArgumentException("an empty slice: " + fromImage + " to " + toImage);
        }
        int[] slice = new int[Math.toIntExact(toImage - fromImage)];
        int[] order = null;
        long pass = -1;
        for (long position = fromImage; position < toImage; position++) {
            long thisPass = position / trainPart.length;
            if (thisPass != pass) {
                pass = thisPass;
                order = trainPart.clone();
                shuffle(order, new Random(searchSeed * 1_000_003L + trial * 7_919L + pass));
            }
            slice[(int) (position - fromImage)] = order[(int) (position % trainPart.length)];
        }
        return slice;
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
