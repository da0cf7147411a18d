package atelier.train;

/** Where a run stands; everything but RUNNING and QUEUED is final. */
public enum RunStatus {
    QUEUED, RUNNING, PAUSED, COMPLETED, CANCELLED, DIVERGED, FAILED, DAMAGED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING && this != PAUSED;
    }
}
