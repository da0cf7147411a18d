package atelier.study;

/** The user stopped the study; finished steps are kept and {@code study resume} goes on from the next one. */
public final class StudyCancelledException extends RuntimeException {
    public StudyCancelledException(String study) {
        super("study " + study + " stopped; study resume " + study + " goes on where it stopped");
    }
}
