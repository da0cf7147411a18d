package atelier.task;

/**
 * Reports how far a long piece of work has come. Implementations must be cheap and thread-safe: loaders call it
 * from worker threads, and the UI coalesces what it receives before touching the screen.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (message, done, total) -> { };

    void update(String message, long done, long total);

    /** Throws {@link CancelledException} when the thread running the work was asked to stop. */
    static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }
}
