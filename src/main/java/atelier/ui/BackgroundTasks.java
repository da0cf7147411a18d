package atelier.ui;

import atelier.task.Progress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/**
 * Runs long work (loading, writing, later training) off the JavaFX thread, one job at a time, and exposes the
 * running job so the status bar can show its progress, ETA and a cancel button.
 */
public final class BackgroundTasks {
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "atelier-background-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyObjectWrapper<Task<?>> current = new ReadOnlyObjectWrapper<>();

    /** Work for a {@link ProgressTask}: receives a Progress that feeds the task's message, bar and ETA. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** Must be called on the JavaFX thread; handlers run there too. */
    public <T> ProgressTask<T> submit(String title, Work<T> work) {
        ProgressTask<T> task = new ProgressTask<>(title, work);
        task.runningProperty().addListener((obs, was, running) -> {
            if (running) {
                current.set(task);
            } else if (current.get() == task) {
                current.set(null);
            }
        });
        executor.execute(task);
        return task;
    }

    public ReadOnlyObjectProperty<Task<?>> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
