package atelier.analysis.tsne;

import atelier.task.CancelledException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of worker threads that splits index ranges into a fixed number of chunks. The chunking does not
 * depend on the thread count, so sums reduced chunk by chunk in order come out bit-identical however many threads
 * ran them: the same seed gives the same map on any machine.
 */
public final class ParallelWork implements AutoCloseable {
    /** Chunks per range: enough to balance two to sixteen threads. */
    public static final int CHUNKS = 32;

    private final ExecutorService pool;
    private final int threads;

    public ParallelWork(int threads) {
        this.threads = Math.max(1, threads);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.threads, runnable -> {
            Thread thread = new Thread(runnable, "tsne-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public int threads() {
        return threads;
    }

    /** Work on the index range [from, to) of one chunk. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int chunk, int from, int to);
    }

    /** Runs {@code task} over [0, n) in {@link #CHUNKS} chunks (fewer when n is small) and waits for all of them. */
    public void forRanges(int n, RangeTask task) {
        int chunks = chunkCount(n);
        if (threads == 1 || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                task.run(c, chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1));
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int chunk = c;
            futures.add(pool.submit(() -> task.run(chunk, chunkStart(n, chunks, chunk),
                    chunkStart(n, chunks, chunk + 1))));
        }
        waitFor(futures);
    }

    /** How many chunks {@link #forRanges} cuts [0, n) into. */
    public static int chunkCount(int n) {
        return Math.max(1, Math.min(CHUNKS, n));
    }

    private static int chunkStart(int n, int chunks, int chunk) {
        return (int) ((long) n * chunk / chunks);
    }

    private static void waitFor(List<Future<?>> futures) {
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
