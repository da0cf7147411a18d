package atelier.study;

/** Where a study step stands. DONE, SKIPPED and FAILED are final; a RUNNING step found on resume was interrupted. */
public enum StepStatus {
    PENDING, RUNNING, DONE, SKIPPED, FAILED;

    public boolean isFinal() {
        return this == DONE || this == SKIPPED || this == FAILED;
    }
}
