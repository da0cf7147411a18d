package atelier.train;

import atelier.task.CancelledException;

/** Pause, resume and cancel for a run; the loop checks it before every batch, so each takes effect within one. */
public final class TrainingControl {
    private boolean paused;
    private boolean cancelled;
    private long pausedNanos;

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

    /** Time the loop has spent waiting in a pause so far: not training time, so rates and ETAs leave it out. */
    public synchronized long pausedNanos() {
        return pausedNanos;
    }

    /** Blocks while paused; throws when cancelled. */
    synchronized void checkpoint() {
        long pauseStart = paused ? System.nanoTime() : 0;
        while (paused && !cancelled) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
        }
        if (pauseStart != 0) {
            pausedNanos += System.nanoTime() - pauseStart;
        }
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }
}
