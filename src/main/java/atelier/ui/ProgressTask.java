package atelier.ui;

import atelier.task.Progress;
import javafx.concurrent.Task;

/**
 * A Task whose work reports through {@link Progress}. Task's own updateMessage/updateProgress already coalesce
 * to at most one pending FX-thread update, so a loop may report per item without flooding the screen.
 */
public final class ProgressTask<T> extends Task<T> {
    private final BackgroundTasks.Work<T> work;
    private final EtaEstimator eta = new EtaEstimator();

    ProgressTask(String title, BackgroundTasks.Work<T> work) {
        this.work = work;
        updateTitle(title);
        updateMessage(title + "…");
    }

    @Override
    protected T call() throws Exception {
        return work.run((message, done, total) -> {
            updateProgress(done, total);
            updateMessage(eta.describe(message, done, total));
        });
    }
}
