package atelier.report;

/**
 * A slot after drawing: either an image (relative to the report folder) with its caption, or the reason it is
 * missing. Missing figures are listed in the report, never left out silently.
 */
public record FigureOutcome(FigureSlot slot, String image, String caption, String missingReason, String size) {

    public boolean missing() {
        return image == null;
    }

    /** @param size the printed size as CSS ("width: 150mm; height: 103mm"), chosen from the image's pixels */
    static FigureOutcome drawn(FigureSlot slot, String image, String caption, String size) {
        return new FigureOutcome(slot, image, caption, null, size);
    }

    static FigureOutcome missing(FigureSlot slot, String reason) {
        return new FigureOutcome(slot, null, null, reason, null);
    }
}
