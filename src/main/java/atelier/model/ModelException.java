package atelier.model;

/**
 * A model cannot be built, initialised or loaded as asked. The message says which layer or file and why, in words
 * that can be shown to the user as they are.
 */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
