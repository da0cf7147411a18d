package atelier.model;

/**
 * One line of the architecture list: totals from the shape arithmetic, which needs no network to be allocated.
 *
 * @param refusal why the input does not fit this architecture, or null when it fits
 */
public record ArchitectureSummary(String name, String title, InputShape networkInput, long trainable,
                                  long nonTrainable, String refusal) {

    public boolean fits() {
        return refusal == null;
    }
}
