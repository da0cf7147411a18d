package atelier.data;

/** A dataset could not be read; the message names the file or value and what is wrong with it. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
