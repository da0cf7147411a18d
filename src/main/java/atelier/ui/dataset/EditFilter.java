package atelier.ui.dataset;

/** Which images the grid shows, by their state in the label journal. */
public enum EditFilter {
    ALL("All images"),
    EDITED("Edited (relabelled or excluded)"),
    RELABELLED("Relabelled"),
    EXCLUDED("Excluded"),
    UNEDITED("Not edited");

    private final String label;

    EditFilter(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
