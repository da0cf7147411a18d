package atelier.task;

/** Long work stopped because the user cancelled it; whatever it was writing has been left untouched. */
public class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled");
    }
}
