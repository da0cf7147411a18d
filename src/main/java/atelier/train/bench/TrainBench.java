package atelier.train.bench;

import atelier.augment.AugmentationPipeline;
import atelier.augment.ImageShape;
import atelier.augment.PixelScale;
import atelier.data.Dataset;
import atelier.train.BatchPreparer;
import atelier.train.TrainingData;
import atelier.train.fast.MnistNetTrainer;
import atelier.train.fast.MnistTensors;
import java.util.AbstractList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput of mnist-net training and inference, measured like /work/shared/bench/bench_torch.py: random
 * mini-batches of the training set, a few warm-up batches, then the wall time of {@code batches} steps (no
 * JVM start, no data loading, no evaluation).
 */
public final class TrainBench {
    /** Warm-up batches before timing, as the PyTorch script does. */
    public static final int WARMUP = 10;

    /** How the step is computed: the hand-built ND4J step, or DL4J's MultiLayerNetwork (for comparison). */
    public enum Engine { FUSED, DL4J }

    public record Result(double imagesPerSecond, int batch, int batches, int threads) {
    }

    private TrainBench() {
    }

    public static Result train(Dataset dataset, Engine engine, int batch, int batches, int threads, long seed) {
        return train(dataset, engine, batch, batches, threads, seed, AugmentationPipeline.NONE);
    }

    /**
     * The same with the batches augmented as a run augments them: gathered and augmented on the preparer's thread,
     * ahead of the step, so the figure is what augmentation costs a run.
     */
    public static Result train(Dataset dataset, Engine engine, int batch, int batches, int threads, long seed,
                               AugmentationPipeline augmentation) {
        MnistTensors data = MnistTensors.of(dataset.train(), dataset.classCount(),
                MnistTensors.MNIST_MEAN, MnistTensors.MNIST_STD);
        int n = data.size();
        if (n <= batch) {
            throw new IllegalArgumentException("the training set has " + n + " images, fewer than a batch of " + batch);
        }
        int[] permutation = permutation(n, seed);
        INDArray x = Nd4j.create(DataType.FLOAT, batch, (long) dataset.height() * dataset.width());
        INDArray y = Nd4j.create(DataType.FLOAT, batch, dataset.classCount());
        int[] indexes = new int[batch];
        Step step = stepFor(engine, seed);
        if (!augmentation.isEmpty()) {
            return augmented(data, dataset, step, augmentation, permutation, batch, batches, threads, seed);
        }
        long start = 0;
        for (int b = 0; b < batches + WARMUP; b++) {
            if (b == WARMUP) {
                start = System.nanoTime();
            }
            int offset = (int) (((long) b * batch) % (n - batch));
            System.arraycopy(permutation, offset, indexes, 0, batch);
            data.gather(indexes, x, y);
            step.run(x, y);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(batches * (double) batch / seconds, batch, batches, threads);
    }

    private static Result augmented(MnistTensors data, Dataset dataset, Step step, AugmentationPipeline augmentation,
                                    int[] permutation, int batch, int batches, int threads, long seed) {
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
        BatchPreparer preparer = new BatchPreparer(augmentation, new ImageShape(1, dataset.height(),
                dataset.width()), new PixelScale((float) MnistTensors.MNIST_MEAN, (float) MnistTensors.MNIST_STD),
                seed);
        List<TrainingData.Batch> prepared = preparer.epoch(1, gathered);
        long start = 0;
        for (int b = 0; b < batches + WARMUP; b++) {
            if (b == WARMUP) {
                start = System.nanoTime();
            }
            TrainingData.Batch next = prepared.get(b);
            step.run(next.features(), next.labels());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(batches * (double) batch / seconds, batch, batches, threads);
    }

    public static Result infer(Dataset dataset, Engine engine, int batch, int batches, int threads, long seed) {
        MnistTensors data = MnistTensors.of(dataset.test(), dataset.classCount(),
                MnistTensors.MNIST_MEAN, MnistTensors.MNIST_STD);
        int n = data.size();
        int size = Math.min(batch, n);
        INDArray x = Nd4j.create(DataType.FLOAT, size, (long) dataset.height() * dataset.width());
        INDArray y = Nd4j.create(DataType.FLOAT, size, dataset.classCount());
        int[] indexes = new int[size];
        int[] permutation = permutation(n, seed);
        MnistNetTrainer fused = engine == Engine.FUSED ? new MnistNetTrainer(seed) : null;
        MultiLayerNetwork dl4j = engine == Engine.DL4J ? Dl4jMnistNet.build(seed) : null;
        int warmup = 3;
        long start = 0;
        for (int b = 0; b < batches + warmup; b++) {
            if (b == warmup) {
                start = System.nanoTime();
            }
            int offset = n == size ? 0 : (int) (((long) b * size) % (n - size));
            System.arraycopy(permutation, offset, indexes, 0, size);
            data.gather(indexes, x, y);
            if (fused != null) {
                fused.output(x);
            } else {
                dl4j.output(x.reshape(size, 1, dataset.height(), dataset.width()), false);
            }
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
     * Trains the fused mnist-net for whole epochs (reshuffled each epoch, last partial batch included) and
     * evaluates on the test set after each: the numerical sanity check of the fused step.
     */
    public static EpochResult epochs(Dataset dataset, int epochs, int batch, long seed, EpochListener listener) {
        MnistTensors train = MnistTensors.of(dataset.train(), dataset.classCount(),
                MnistTensors.MNIST_MEAN, MnistTensors.MNIST_STD);
        MnistTensors test = MnistTensors.of(dataset.test(), dataset.classCount(),
                MnistTensors.MNIST_MEAN, MnistTensors.MNIST_STD);
        MnistNetTrainer trainer = new MnistNetTrainer(seed);
        int n = train.size();
        long pixels = (long) dataset.height() * dataset.width();
        EpochResult result = null;
        double trainingSeconds = 0;
        long images = 0;
        INDArray x = null;
        INDArray y = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = permutation(n, seed + epoch);
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
                lossSum += trainer.step(x, y).loss() * size;
            }
            trainingSeconds += (System.nanoTime() - start) / 1e9;
            images += n;
            MnistNetTrainer.Result evaluation = trainer.evaluate(test.features(), test.labels(), 1000);
            result = new EpochResult(lossSum / n, evaluation.loss(), evaluation.accuracy(), trainingSeconds,
                    images / trainingSeconds);
            listener.epochDone(epoch, result);
        }
        return result;
    }

    @FunctionalInterface
    private interface Step {
        void run(INDArray features, INDArray labels);
    }

    private static Step stepFor(Engine engine, long seed) {
        if (engine == Engine.FUSED) {
            MnistNetTrainer trainer = new MnistNetTrainer(seed);
            return trainer::step;
        }
        MultiLayerNetwork net = Dl4jMnistNet.build(seed);
        return (x, y) -> net.fit(x.reshape(x.size(0), 1, 28, 28), y);
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
