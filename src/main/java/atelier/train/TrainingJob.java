package atelier.train;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** A run handed to the {@link TrainingService}: queued, then running, then finished with its record. */
public final class TrainingJob {
    private final RunSpec spec;
    private final TrainingControl control = new TrainingControl();
    private final CompletableFuture<RunRecord> result = new CompletableFuture<>();
    private volatile RunStatus status = RunStatus.QUEUED;
    private volatile Path folder;

    TrainingJob(RunSpec spec) {
        this.spec = spec;
    }

    public RunSpec spec() {
        return spec;
    }

    public RunStatus status() {
        return status;
    }

    /** The run folder, once the job has started. */
    public Path folder() {
        return folder;
    }

    public CompletableFuture<RunRecord> result() {
        return result;
    }

    public void pause() {
        control.pause();
        if (status == RunStatus.RUNNING) {
            status = RunStatus.PAUSED;
        }
    }

    public void resume() {
        control.resume();
        if (status == RunStatus.PAUSED) {
            status = RunStatus.RUNNING;
        }
    }

    /** Takes effect before the next batch; a queued job never starts. */
    public void cancel() {
        control.cancel();
    }

    TrainingControl control() {
        return control;
    }

    void started(Path runFolder) {
        folder = runFolder;
        status = control.isPaused() ? RunStatus.PAUSED : RunStatus.RUNNING;
    }

    void finished(RunRecord record) {
        status = record.status();
        result.complete(record);
    }

    void failed(Throwable error) {
        status = RunStatus.FAILED;
        result.completeExceptionally(error);
    }
}
