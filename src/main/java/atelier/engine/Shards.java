package atelier.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The threads that run a data-parallel network's slices of a batch: slice 0 on the calling thread, the others on
 * threads of their own, each slice with one OpenMP thread.
 *
 * <p>Why: a batch of 64 small images does not keep two cores busy inside one op. libnd4j's elementwise ops run on
 * one thread at that size, and oneDNN's convolutions gain only 1.2× from a second thread (encoder, 2 threads: 46 ms
 * per 64 images for its convolutions; 1 thread: 37 ms per 32). Two halves of the batch on one core each keep both
 * busy all the time. OpenMP keeps its thread count per thread, so each slice's thread sets its own to 1 and the
 * calling thread gets its own count back afterwards.
 */
final class Shards implements AutoCloseable {
    private static final AtomicInteger NETWORKS = new AtomicInteger();

    private final int count;
    private ExecutorService threads;

    Shards(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + count);
        }
        this.count = count;
    }

    int count() {
        return count;
    }

    /** Work on slice {@code slice}, rows [start, end), of a batch. */
    @FunctionalInterface
    interface SliceTask<T> {
        T call(int slice, long start, long end) throws Exception;
    }

    /** Cuts [0, n) into {@code slices} nearly equal slices and runs {@code task} on each at once ({@link #run}). */
    <T> List<T> runSlices(long n, int slices, SliceTask<T> task, Runnable onFailure) {
        List<Callable<T>> tasks = new ArrayList<>();
        for (int r = 0; r < slices; r++) {
            int slice = r;
            long start = n * r / slices;
            long end = n * (r + 1) / slices;
            tasks.add(() -> task.call(slice, start, end));
        }
        return run(tasks, onFailure);
    }

    /**
     * Ranges of a vector, one per shard, worked on at once (elementwise work on a million parameters, such as an
     * optimizer step, is worth two cores); vectors shorter than {@code minRange} a shard stay whole.
     */
    FlatOptimizer.Slices ranges(long minRange) {
        return (length, range) -> {
            int pieces = (int) Math.max(1, Math.min(count, length / minRange));
            if (pieces == 1) {
                range.run(0, length);
                return;
            }
            runSlices(pieces, pieces, (piece, first, last) -> {
                // cuts on multiples of 256 values keep every range's start aligned for the vector units
                long from = piece == 0 ? 0 : length * piece / pieces / 256 * 256;
                long to = piece == pieces - 1 ? length : length * (piece + 1) / pieces / 256 * 256;
                range.run(from, to);
                return null;
            }, () -> { });
        };
    }

    /**
     * Runs the tasks at once, the first on this thread, and returns their results in order once all have ended.
     * When one fails, {@code onFailure} runs (so that tasks waiting for it give up), every task is waited for,
     * and the first failure is thrown.
     */
    <T> List<T> run(List<Callable<T>> tasks, Runnable onFailure) {
        if (tasks.size() > count) {
            throw new IllegalArgumentException(tasks.size() + " tasks for " + count + " shards");
        }
        if (tasks.size() == 1) {
            return List.of(call(tasks.get(0)));
        }
        List<Future<T>> others = new ArrayList<>();
        for (int i = 1; i < tasks.size(); i++) {
            Callable<T> task = tasks.get(i);
            others.add(executor().submit(() -> {
                try {
                    return task.call();
                } catch (Exception | Error e) {
                    onFailure.run();
                    throw e;
                }
            }));
        }
        List<T> results = new ArrayList<>(tasks.size());
        Throwable failure = null;
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int ownThreads = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(1);
        try {
            results.add(tasks.get(0).call());
        } catch (Exception | Error e) {
            onFailure.run();
            failure = e;
            results.add(null);
        } finally {
            ops.setOmpNumThreads(ownThreads);
        }
        for (Future<T> other : others) {
            try {
                results.add(other.get());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                onFailure.run();
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return results;
    }

    private static <T> T call(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized ExecutorService executor() {
        if (threads == null) {
            int network = NETWORKS.incrementAndGet();
            AtomicInteger started = new AtomicInteger();
            threads = Executors.newFixedThreadPool(count - 1, runnable -> {
                Thread thread = new Thread(() -> {
                    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
                    runnable.run();
                }, "atelier-engine-" + network + "-shard-" + started.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return threads;
    }

    @Override
    public synchronized void close() {
        if (threads != null) {
            threads.shutdownNow();
            threads = null;
        }
    }
}
