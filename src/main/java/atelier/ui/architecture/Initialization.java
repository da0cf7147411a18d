package atelier.ui.architecture;

/** Where a network's first weights come from, as the tab offers it. */
public enum Initialization {
    XAVIER("Xavier uniform"),
    HE("He"),
    /** Layers whose shapes match get a saved network's weights; the others start Xavier uniform. */
    CHECKPOINT("From a checkpoint");

    private final String label;

    Initialization(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
