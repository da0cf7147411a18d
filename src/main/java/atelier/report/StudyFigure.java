package atelier.report;

/**
 * A figure a study report can hold, looked up by the name of its slot ({@link FigureSlot#name()}). Implementations
 * draw one PNG for the runs the slot names and say what it shows; they may take long (t-SNE) and may fail: a thrown
 * exception turns into a missing figure whose reason is the exception's message, and the report goes on.
 */
public interface StudyFigure {

    /** The slot this draws, e.g. {@code "tsne-fc1"}. */
    String name();

    /**
     * Draws the figure into {@code request.image()} (a PNG; its folder exists) and returns the caption's text,
     * without the "Figure N." prefix, which the report adds.
     */
    String draw(FigureRequest request) throws Exception;
}
