package atelier.ui.architecture;

import atelier.model.ArchitectureSummary;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One line of the architecture list. The entry stays while its totals change with the input size, so that the
 * list keeps its selection and scroll position as the user types.
 */
public final class ArchitectureEntry {
    private final String name;
    private final ReadOnlyObjectWrapper<ArchitectureSummary> summary = new ReadOnlyObjectWrapper<>();

    ArchitectureEntry(ArchitectureSummary first) {
        this.name = first.name();
        summary.set(first);
    }

    public String name() {
        return name;
    }

    public ArchitectureSummary summary() {
        return summary.get();
    }

    public ReadOnlyObjectProperty<ArchitectureSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    void update(ArchitectureSummary now) {
        summary.set(now);
    }

    @Override
    public String toString() {
        return name;
    }
}
