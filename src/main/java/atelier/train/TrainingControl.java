package atelier.train;

import atelier.task.CancelledException;

/** Pause, resume and cancel for a run; the loop checks it before every batch, so each takes effect within one. */
public final class TrainingControl {
    private boolean paused;
    private boolean cancelled;

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Blocks while paused; throws when cancelled. */
    synchronized void checkpoint() {
        while (paused && !cancelled) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
        }
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }
}
