package atelier.train;

import atelier.augment.AugmentationPipeline;
import atelier.augment.AugmentationSeeds;
import atelier.augment.Augmenter;
import atelier.augment.ImageShape;
import atelier.augment.PixelScale;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training batches as the loop takes them: augmented by the run's pipeline on a thread of its own, which prepares
 * the next {@value #AHEAD} batches while the model trains on the current one, so that augmentation's cost is
 * hidden rather than added. Each batch is augmented with a generator seeded by the run's seed, the epoch and the
 * batch's number ({@link AugmentationSeeds}), so the batches are the same whatever the threads' timing. Without
 * augmentation the batches pass through untouched and no thread is started. Test batches never come here.
 */
public final class BatchPreparer {
    /** How many batches are prepared ahead of the one the model trains on. */
    static final int AHEAD = 2;

    private final AugmentationPipeline pipeline;
    private final long seed;
    private final int pixels;
    private final Augmenter augmenter;
    private final ThreadPoolExecutor worker;
    /** The worker's pixels of the batch it augments (touched only on the worker). */
    private float[] scratch = new float[0];

    public BatchPreparer(AugmentationPipeline pipeline, ImageShape shape, PixelScale scale, long seed) {
        this.pipeline = pipeline;
        this.seed = seed;
        this.pixels = shape.pixels();
        this.augmenter = pipeline.isEmpty() ? null : pipeline.augmenter(shape, scale);
        // one thread, so the augmenter's scratch buffers are never shared; it ends when idle, so a run that stops
        // (finished, cancelled, failed) leaves no thread behind without having to close anything
        this.worker = pipeline.isEmpty() ? null : new ThreadPoolExecutor(1, 1, 2, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "atelier-augment");
                    thread.setDaemon(true);
                    return thread;
                });
        if (worker != null) {
            worker.allowCoreThreadTimeOut(true);
        }
    }

    /** The preparer of a run: its spec's pipeline on its data's images, seeded by its seed. */
    public static BatchPreparer of(RunSpec spec, TrainingData data) {
        return new BatchPreparer(AugmentationPipeline.parse(spec.augmentation()), data.imageShape(),
                new PixelScale(data.mean(), data.std()), spec.seed());
    }

    public AugmentationPipeline pipeline() {
        return pipeline;
    }

    /**
     * The batches of one epoch, in order, each augmented when it is first asked for or earlier, on the worker:
     * asking for batch b has batches b+1..b+{@value #AHEAD} prepared meanwhile. {@code batches} may itself be lazy;
     * its elements are then read on the worker too.
     */
    public List<TrainingData.Batch> epoch(int epoch, List<TrainingData.Batch> batches) {
        return augmenter == null ? batches : new PreparedEpoch(epoch, batches);
    }

    /**
     * Frees a training batch (gathered, and augmented when there is a pipeline) once the model has trained on it;
     * see {@link TrainingData#release(TrainingData.Batch)}.
     */
    public void finished(TrainingData.Batch batch) {
        TrainingData.release(batch);
    }

    /**
     * One batch augmented: its features (the epoch's gathered copy, which nothing else reads) augmented in place,
     * its labels and indices as they were. The pixels pass through one float array that the worker reuses, so a
     * batch allocates nothing on the heap; a batch that is a view into shared data is copied first.
     */
    TrainingData.Batch augment(int epoch, int index, TrainingData.Batch batch) {
        int n = batch.size();
        INDArray features = TrainingData.ownsItsData(batch.features()) ? batch.features()
                : batch.features().dup('c');
        int length = n * pixels;
        if (scratch.length < length) {
            scratch = new float[length];
        }
        org.bytedeco.javacpp.FloatPointer memory = new org.bytedeco.javacpp.FloatPointer(features.data().pointer());
        memory.get(scratch, 0, length);
        augmenter.augmentBatch(scratch, n, AugmentationSeeds.forBatch(seed, epoch, index));
        memory.put(scratch, 0, length);
        return new TrainingData.Batch(features, batch.labels(), batch.indices());
    }

    private final class PreparedEpoch extends AbstractList<TrainingData.Batch> {
        private final int epoch;
        private final List<TrainingData.Batch> source;
        private final CompletableFuture<?>[] prepared;

        PreparedEpoch(int epoch, List<TrainingData.Batch> source) {
            this.epoch = epoch;
            this.source = source;
            this.prepared = new CompletableFuture<?>[source.size()];
        }

        @Override
        public TrainingData.Batch get(int index) {
            for (int i = index; i <= Math.min(index + AHEAD, prepared.length - 1); i++) {
                if (prepared[i] == null) {
                    int b = i;
                    prepared[i] = CompletableFuture.supplyAsync(() -> augment(epoch, b, source.get(b)), worker);
                }
            }
            if (index > 0) {
                prepared[index - 1] = null; // taken: let its arrays go
            }
            try {
                return (TrainingData.Batch) prepared[index].join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        @Override
        public int size() {
            return source.size();
        }
    }
}
