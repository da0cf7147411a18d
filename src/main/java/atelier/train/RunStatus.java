package atelier.train;

/**
 * Where a run stands; everything but RUNNING, PAUSED and QUEUED is final. INTERRUPTED is never written: it is what
 * a RUNNING run.json means when no process holds the run's {@link RunLock} any more (killed, crashed).
 */
public enum RunStatus {
    QUEUED, RUNNING, PAUSED, COMPLETED, CANCELLED, DIVERGED, FAILED, DAMAGED, INTERRUPTED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING && this != PAUSED;
    }
}
