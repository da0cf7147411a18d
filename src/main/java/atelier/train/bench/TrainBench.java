package atelier.train.bench;

import atelier.augment.AugmentationPipeline;
import atelier.augment.ImageShape;
import atelier.augment.PixelScale;
import atelier.data.Dataset;
import atelier.train.BatchPreparer;
import atelier.train.CatalogModelFactory;
import atelier.train.RunSpec;
import atelier.train.TrainableModel;
import atelier.train.TrainingData;
import atelier.train.TrainingEngine;
import atelier.train.fast.MnistTensors;
import java.util.AbstractList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput of training and inference of any catalogue architecture and recipe, measured like
 * /work/shared/bench/bench_torch_arch.py: random mini-batches of the training set, a few warm-up batches, then
 * the wall time of {@code batches} steps (no JVM start, no data loading, no evaluation). The model is the one a
 * run would train ({@link CatalogModelFactory}), on the engine asked for.
 */
public final class TrainBench {
    /** Warm-up batches before timing, as the PyTorch script does. */
    public static final int WARMUP = 10;

    public record Result(double imagesPerSecond, int batch, int batches, int threads) {
    }

    /** What to train: the run's recipe as far as speed is concerned. */
    public record Recipe(String architecture, String optimizer, boolean freezeAllButLast, String resize,
                         TrainingEngine engine) {
        RunSpec spec(int batch, long seed) {
            double learningRate = switch (optimizer) {
                case "adam" -> 1e-3;
                case "sgd" -> 0.01;
                default -> 1.0;
            };
            return new RunSpec(null, "bench", architecture, "xavier", freezeAllButLast, optimizer, learningRate, 0.7,
                    0.9, batch, 1, 0, "none", seed, resize, null);
        }
    }

    private TrainBench() {
    }

    private static TrainableModel model(Dataset dataset, Recipe recipe, int batch, long seed) {
        return new CatalogModelFactory(line -> { }, recipe.engine()).create(recipe.spec(batch, seed),
                dataset.channels(), dataset.height(), dataset.width(), dataset.classCount());
    }

    public static Result train(Dataset dataset, Recipe recipe, int batch, int batches, int threads, long seed) {
        return train(dataset, recipe, batch, batches, threads, seed, AugmentationPipeline.NONE);
    }

    /**
     * The same with the batches augmented as a run augments them: gathered and augmented on the preparer's thread,
     * ahead of the step, so the figure is what augmentation costs a run.
     */
    public static Result train(Dataset dataset, Recipe recipe, int batch, int batches, int threads, long seed,
                               AugmentationPipeline augmentation) {
        MnistTensors data = MnistTensors.of(dataset.train(), dataset.classCount(),
                MnistTensors.MNIST_MEAN, MnistTensors.MNIST_STD);
        int n = data.size();
        if (n <= batch) {
            throw new IllegalArgumentException("the training set has " + n + " images, fewer than a batch of " + batch);
        }
        int[] permutation = permutation(n, seed);
        INDArray x = Nd4j.create(DataType.FLOAT, batch, (long) dataset.channels() * dataset.height() * dataset.width());
        INDArray y = Nd4j.create(DataType.FLOAT, batch, dataset.classCount());
        int[] indexes = new int[batch];
        TrainableModel model = model(dataset, recipe, batch, seed);
        if (!augmentation.isEmpty()) {
            return augmented(data, dataset, model, augmentation, permutation, batch, batches, threads, seed);
        }
        long start = 0;
        for (int b = 0; b < batches + WARMUP; b++) {
            if (b == WARMUP) {
                start = System.nanoTime();
            }
            int offset = (int) (((long) b * batch) % (n - batch));
            System.arraycopy(permutation, offset, indexes, 0, batch);
            data.gather(indexes, x, y);
            model.train(x, y);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(batches * (double) batch / seconds, batch, batches, threads);
    }

    private static Result augmented(MnistTensors data, Dataset dataset, TrainableModel model,
                                    AugmentationPipeline augmentation, int[] permutation, int batch, int batches,
                                    int threads, long seed) {
        int n = data.size();
        List<TrainingData.Batch> gathered = new AbstractList<>() {
            @Override
            public TrainingData.Batch get(int b) {
                int offset = (int) (((long) b * batch) % (n - batch));
                int[] indexes = java.util.Arrays.copyOfRange(permutation, offset, offset + batch);
                return new TrainingData.Batch(Nd4j.pullRows(data.features(), 1, indexes),
                        Nd4j.pullRows(data.labels(), 1, indexes), indexes);
            }

            @Override
            public int size() {
                return batches + WARMUP;
            }
        };
        BatchPreparer preparer = new BatchPreparer(augmentation, new ImageShape(dataset.channels(), dataset.height(),
                dataset.width()), new PixelScale((float) MnistTensors.MNIST_MEAN, (float) MnistTensors.MNIST_STD),
                seed);
        List<TrainingData.Batch> prepared = preparer.epoch(1, gathered);
        long start = 0;
        for (int b = 0; b < batches + WARMUP; b++) {
            if (b == WARMUP) {
                start = System.nanoTime();
            }
            TrainingData.Batch next = prepared.get(b);
            model.train(next.features(), next.labels());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(batches * (double) batch / seconds, batch, batches, threads);
    }

    public static Result infer(Dataset dataset, Recipe recipe, int batch, int batches, int threads, long seed) {
        MnistTensors data = MnistTensors.of(dataset.test(), dataset.classCount(),
                MnistTensors.MNIST_MEAN, MnistTensors.MNIST_STD);
        int n = data.size();
        int size = Math.min(batch, n);
        INDArray x = Nd4j.create(DataType.FLOAT, size, (long) dataset.channels() * dataset.height() * dataset.width());
        INDArray y = Nd4j.create(DataType.FLOAT, size, dataset.classCount());
        int[] indexes = new int[size];
        int[] permutation = permutation(n, seed);
        TrainableModel model = model(dataset, recipe, 64, seed);
        int warmup = 3;
        long start = 0;
        for (int b = 0; b < batches + warmup; b++) {
            if (b == warmup) {
                start = System.nanoTime();
            }
            int offset = n == size ? 0 : (int) (((long) b * size) % (n - size));
            System.arraycopy(permutation, offset, indexes, 0, size);
            data.gather(indexes, x, y);
            model.predict(x);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(batches * (double) size / seconds, size, batches, threads);
    }

    /** Losses and accuracy after training epochs; seconds and images/s count training only. */
    public record EpochResult(double trainLoss, double testLoss, double testAccuracy, double seconds,
                              double imagesPerSecond) {
    }

    /** Called after each epoch with its number (from 1) and the state so far. */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(int epoch, EpochResult result);
    }

    /**
     * Trains whole epochs (reshuffled each epoch, last partial batch included) with the recipe's step decay and
     * evaluates on the test set after each: the numerical sanity check of an engine.
     */
    public static EpochResult epochs(Dataset dataset, Recipe recipe, int epochs, int batch, long seed,
                                     EpochListener listener) {
        MnistTensors train = MnistTensors.of(dataset.train(), dataset.classCount(),
                MnistTensors.MNIST_MEAN, MnistTensors.MNIST_STD);
        MnistTensors test = MnistTensors.of(dataset.test(), dataset.classCount(),
                MnistTensors.MNIST_MEAN, MnistTensors.MNIST_STD);
        TrainableModel model = model(dataset, recipe, batch, seed);
        RunSpec spec = recipe.spec(batch, seed).withEpochs(epochs);
        int n = train.size();
        long pixels = (long) dataset.channels() * dataset.height() * dataset.width();
        EpochResult result = null;
        double trainingSeconds = 0;
        long images = 0;
        INDArray x = null;
        INDArray y = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = permutation(n, seed + epoch);
            model.setLearningRate(spec.learningRateOfEpoch(epoch, spec.stepsPerEpoch(n)));
            double lossSum = 0;
            long start = System.nanoTime();
            for (int from = 0; from < n; from += batch) {
                int size = Math.min(batch, n - from);
                int[] indexes = java.util.Arrays.copyOfRange(order, from, from + size);
                if (x == null || x.size(0) != size) {
                    x = Nd4j.create(DataType.FLOAT, size, pixels);
                    y = Nd4j.create(DataType.FLOAT, size, dataset.classCount());
                }
                train.gather(indexes, x, y);
                lossSum += model.train(x, y).loss() * size;
            }
            trainingSeconds += (System.nanoTime() - start) / 1e9;
            images += n;
            double testLoss = 0;
            long correct = 0;
            for (int from = 0; from < test.size(); from += 1000) {
                int to = Math.min(test.size(), from + 1000);
                INDArray features = test.features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
                INDArray labels = test.labels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
                INDArray p = model.predict(features);
                testLoss += atelier.train.Metrics.summedLoss(p, labels);
                correct += atelier.train.Metrics.correct(p, labels);
            }
            result = new EpochResult(lossSum / n, testLoss / test.size(), (double) correct / test.size(),
                    trainingSeconds, images / trainingSeconds);
            listener.epochDone(epoch, result);
            model.finishEpoch();
        }
        return result;
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
