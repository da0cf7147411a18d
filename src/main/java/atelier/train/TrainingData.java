package atelier.train;

import atelier.nd4j.NativeMemory;
import atelier.data.ImageSet;
import atelier.data.LabelView;
import atelier.data.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A dataset as training sees it: the label journal applied (excluded images left out, edited labels used),
 * normalized to zero mean and unit variance with the training set's statistics, and held as INDArrays built once,
 * so that a batch is a view, not a copy from Java arrays. Features are [N, channels*height*width].
 */
public final class TrainingData implements AutoCloseable {
    private final INDArray trainFeatures;
    private final INDArray trainLabels;
    private final INDArray testFeatures;
    private final INDArray testLabels;
    private final int[] trainIndices;
    private final int[] testIndices;
    /**
     * For each image of the chosen subset (excluded ones included), its row in the training arrays, or -1 when the
     * label journal excludes it: epochs shuffle the whole subset and skip the excluded, so that excluding an image
     * leaves the others, and their order, as they were.
     */
    private final int[] rowOfSubset;
    private final float mean;
    private final float std;
    private final atelier.augment.ImageShape imageShape;

    private TrainingData(INDArray trainFeatures, INDArray trainLabels, INDArray testFeatures, INDArray testLabels,
                         int[] trainIndices, int[] testIndices, int[] rowOfSubset, float mean, float std,
                         LabelView view) {
        this.trainFeatures = trainFeatures;
        this.trainLabels = trainLabels;
        this.testFeatures = testFeatures;
        this.testLabels = testLabels;
        this.trainIndices = trainIndices;
        this.testIndices = testIndices;
        this.rowOfSubset = rowOfSubset;
        this.mean = mean;
        this.std = std;
        this.imageShape = new atelier.augment.ImageShape(view.dataset().channels(), view.dataset().height(),
                view.dataset().width());
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** One mini-batch: rows of features and one-hot labels, and the dataset indices they came from. */
    public record Batch(INDArray features, INDArray labels, int[] indices) {
        public int size() {
            return (int) features.size(0);
        }
    }

    /**
     * @param limitTrain use only this many training images (0 = all), a random subset fixed by the seed and chosen
     *                   before the label journal's exclusions are taken out, so that a retrain on cleaned data sees
     *                   the same images minus the excluded ones
     */
    public static TrainingData from(LabelView view, int limitTrain, long seed) {
        return from(view, limitTrain, seed, Float.NaN, Float.NaN);
    }

    /**
     * The same, normalized with given statistics (those a run recorded) instead of this data's own; NaN for own.
     * Analysis of a checkpoint must feed it inputs scaled as in its training.
     */
    public static TrainingData from(LabelView view, int limitTrain, long seed, float givenMean, float givenStd) {
        int[] subset = identity(view.dataset().train().size());
        if (limitTrain > 0 && limitTrain < subset.length) {
            shuffle(subset, new Random(seed));
            subset = java.util.Arrays.copyOf(subset, limitTrain);
            java.util.Arrays.sort(subset);
        }
        int[] rowOfSubset = new int[subset.length];
        int[] train = new int[subset.length];
        int kept = 0;
        for (int i = 0; i < subset.length; i++) {
            boolean excluded = view.isExcluded(Split.TRAIN, subset[i]);
            rowOfSubset[i] = excluded ? -1 : kept;
            if (!excluded) {
                train[kept++] = subset[i];
            }
        }
        train = java.util.Arrays.copyOf(train, kept);
        int[] test = usable(view, Split.TEST);
        if (train.length == 0) {
            throw new IllegalArgumentException(view.dataset().name() + " has no training images left to train on");
        }
        if (test.length == 0) {
            throw new IllegalArgumentException(view.dataset().name() + " has no test images to evaluate on");
        }
        ImageSet trainSet = view.dataset().train();
        float mean = givenMean;
        float std = givenStd;
        if (Float.isNaN(mean) || Float.isNaN(std)) {
            double[] stats = meanAndStd(trainSet, train);
            mean = (float) stats[0];
            std = (float) Math.max(stats[1], 1e-6);
        }
        int classes = view.dataset().classCount();
        return new TrainingData(features(trainSet, train, mean, std), oneHot(view, Split.TRAIN, train, classes),
                features(view.dataset().test(), test, mean, std), oneHot(view, Split.TEST, test, classes),
                train, test, rowOfSubset, mean, std, view);
    }

    /**
     * Training images only, for cross-validation: learn from {@code learnFrom}, and measure on {@code heldOut}
     * (also training images, with their current labels) in place of the test set.
     */
    public static TrainingData fold(LabelView view, int[] learnFrom, int[] heldOut) {
        ImageSet trainSet = view.dataset().train();
        double[] stats = meanAndStd(trainSet, learnFrom);
        float mean = (float) stats[0];
        float std = (float) Math.max(stats[1], 1e-6);
        int classes = view.dataset().classCount();
        return new TrainingData(features(trainSet, learnFrom, mean, std),
                oneHot(view, Split.TRAIN, learnFrom, classes), features(trainSet, heldOut, mean, std),
                oneHot(view, Split.TRAIN, heldOut, classes), learnFrom.clone(), heldOut.clone(),
                identity(learnFrom.length), mean, std, view);
    }

    /**
     * A train/validation partition of the training split, for selecting among models without touching the test
     * set: learn from {@code learnFrom}, measure on {@code validation} in place of the test set, both normalized
     * with the given statistics (those of the whole training part, so that every slice a model continues on is
     * scaled alike). The two index sets must not share an image: that is refused, since a validation score on
     * images the model trained on would be worthless.
     */
    public static TrainingData partition(LabelView view, int[] learnFrom, int[] validation, float mean, float std) {
        java.util.BitSet validating = new java.util.BitSet();
        for (int index : validation) {
            validating.set(index);
        }
        for (int index : learnFrom) {
            if (validating.get(index)) {
                throw new IllegalArgumentException("training image " + index
                        + " is in both the training and the validation part");
            }
        }
        if (learnFrom.length == 0 || validation.length == 0) {
            throw new IllegalArgumentException("a train/validation partition needs images in both parts, got "
                    + learnFrom.length + " and " + validation.length);
        }
        ImageSet trainSet = view.dataset().train();
        int classes = view.dataset().classCount();
        return new TrainingData(features(trainSet, learnFrom, mean, std),
                oneHot(view, Split.TRAIN, learnFrom, classes), features(trainSet, validation, mean, std),
                oneHot(view, Split.TRAIN, validation, classes), learnFrom.clone(), validation.clone(),
                identity(learnFrom.length), mean, std, view);
    }

    /** Pixel mean and standard deviation (values scaled to [0, 1]) of some training images. */
    public static float[] statistics(LabelView view, int[] trainingImages) {
        double[] stats = meanAndStd(view.dataset().train(), trainingImages);
        return new float[] {(float) stats[0], (float) Math.max(stats[1], 1e-6)};
    }

    /** Indices (within the training split) of the training images not excluded by the label journal. */
    public static int[] usableTrainingImages(LabelView view) {
        return usable(view, Split.TRAIN);
    }

    public int trainSize() {
        return trainIndices.length;
    }

    public int testSize() {
        return testIndices.length;
    }

    public int classes() {
        return (int) trainLabels.size(1);
    }

    /** Pixel mean and standard deviation (of values scaled to [0, 1]) the features were normalized with. */
    public float mean() {
        return mean;
    }

    public float std() {
        return std;
    }

    /** The size of one image; each feature row is one image, channel-major then row-major. */
    public atelier.augment.ImageShape imageShape() {
        return imageShape;
    }

    /**
     * The training set in a fresh order for this epoch (fixed by seed and epoch, the same whatever the journal
     * excludes: excluded images are skipped, not reshuffled around), cut into batches. Each batch's rows are
     * gathered when the batch is asked for, into arrays of its own that {@link #release(Batch)} frees: a gathered
     * copy of the whole epoch would hold a second copy of the training set (188 MB for Fashion-MNIST) for as long as
     * the epoch lasts.
     */
    public List<Batch> trainBatches(int epoch, int batchSize, long seed) {
        int[] shuffled = identity(rowOfSubset.length);
        shuffle(shuffled, new Random(seed * 1_000_003L + epoch));
        int[] order = new int[trainIndices.length];
        int n = 0;
        for (int position : shuffled) {
            if (rowOfSubset[position] >= 0) {
                order[n++] = rowOfSubset[position];
            }
        }
        return new GatheredBatches(order, batchSize);
    }

    /** An epoch's batches, each gathered from the training arrays on demand (every call gives a fresh copy). */
    private final class GatheredBatches extends java.util.AbstractList<Batch> {
        private final int[] rows;
        private final int batchSize;

        GatheredBatches(int[] rows, int batchSize) {
            this.rows = rows;
            this.batchSize = batchSize;
        }

        @Override
        public Batch get(int index) {
            int start = index * batchSize;
            if (index < 0 || start >= rows.length) {
                throw new IndexOutOfBoundsException("batch " + index + " of " + size());
            }
            int[] batchRows = java.util.Arrays.copyOfRange(rows, start, Math.min(rows.length, start + batchSize));
            int[] indices = new int[batchRows.length];
            for (int i = 0; i < batchRows.length; i++) {
                indices[i] = trainIndices[batchRows[i]];
            }
            return new Batch(Nd4j.pullRows(trainFeatures, 1, batchRows), Nd4j.pullRows(trainLabels, 1, batchRows),
                    indices);
        }

        @Override
        public int size() {
            return (rows.length + batchSize - 1) / batchSize;
        }
    }

    /**
     * Frees a training batch from {@link #trainBatches} once the model has trained on it: ND4J frees off-heap
     * memory only when the garbage collector collects an array's Java wrapper, which a small Java heap seldom needs,
     * so unfreed batches pile up outside the heap (fault 12 of the reliability issue: gigabytes after some epochs).
     */
    public static void release(Batch batch) {
        for (INDArray array : new INDArray[] {batch.features(), batch.labels()}) {
            if (ownsItsData(array)) {
                NativeMemory.free(array);
            }
        }
    }

    /** Whether an array is the whole of its buffer (not a view into a larger one), so freeing it frees no other. */
    static boolean ownsItsData(INDArray array) {
        return !array.isView() && array.ordering() == 'c' && array.data().length() == array.length();
    }

    /** Frees the arrays this data holds; it cannot be used afterwards. */
    @Override
    public void close() {
        for (INDArray array : new INDArray[] {trainFeatures, trainLabels, testFeatures, testLabels}) {
            NativeMemory.free(array);
        }
    }

    public List<Batch> testBatches(int batchSize) {
        return cut(testFeatures, testLabels, testIndices, batchSize);
    }

    /** All training images in dataset order, for scoring them (top losses). */
    public List<Batch> trainInOrder(int batchSize) {
        return cut(trainFeatures, trainLabels, trainIndices, batchSize);
    }

    private static List<Batch> cut(INDArray features, INDArray labels, int[] indices, int batchSize) {
        List<Batch> batches = new ArrayList<>();
        for (int start = 0; start < indices.length; start += batchSize) {
            int end = Math.min(indices.length, start + batchSize);
            batches.add(new Batch(features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()),
                    labels.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()),
                    java.util.Arrays.copyOfRange(indices, start, end)));
        }
        return batches;
    }

    private static int[] usable(LabelView view, Split split) {
        int size = view.dataset().split(split).size();
        int[] kept = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!view.isExcluded(split, i)) {
                kept[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(kept, n);
    }

    private static double[] meanAndStd(ImageSet images, int[] indices) {
        int pixels = images.pixelsPerImage();
        byte[] buffer = new byte[pixels];
        double sum = 0;
        double sumSquares = 0;
        for (int index : indices) {
            images.copyImage(index, buffer, 0);
            for (byte b : buffer) {
                double v = (b & 0xff) / 255.0;
                sum += v;
                sumSquares += v * v;
            }
        }
        double count = (double) indices.length * pixels;
        double mean = sum / count;
        return new double[] {mean, Math.sqrt(Math.max(0, sumSquares / count - mean * mean))};
    }

    private static INDArray features(ImageSet images, int[] indices, float mean, float std) {
        int pixels = images.pixelsPerImage();
        float[] values = new float[indices.length * pixels];
        byte[] buffer = new byte[pixels];
        for (int n = 0; n < indices.length; n++) {
            images.copyImage(indices[n], buffer, 0);
            int offset = n * pixels;
            for (int p = 0; p < pixels; p++) {
                values[offset + p] = ((buffer[p] & 0xff) / 255f - mean) / std;
            }
        }
        return Nd4j.create(values, new long[] {indices.length, pixels}, 'c');
    }

    private static INDArray oneHot(LabelView view, Split split, int[] indices, int classes) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, indices.length, classes);
        for (int n = 0; n < indices.length; n++) {
            labels.putScalar(n, view.label(split, indices[n]), 1f);
        }
        return labels;
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
