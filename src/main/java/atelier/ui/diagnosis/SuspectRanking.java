package atelier.ui.diagnosis;

/** Which ranking of the training images the Diagnosis tab lists. */
public enum SuspectRanking {
    TOP_LOSSES("Top losses of this run"),
    CROSS_VALIDATED("Cross-validated label errors");

    private final String title;

    SuspectRanking(String title) {
        this.title = title;
    }

    @Override
    public String toString() {
        return title;
    }
}
