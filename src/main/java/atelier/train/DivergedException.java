package atelier.train;

/** The loss became NaN or infinite: the run cannot recover, and a smaller learning rate usually helps. */
public final class DivergedException extends RuntimeException {
    public DivergedException(int epoch, int batch, double loss, double learningRate) {
        super(String.format("training diverged: the loss became %s at epoch %d, batch %d. Try a smaller learning "
                + "rate (this run used %s).", loss, epoch, batch, learningRate));
    }
}
