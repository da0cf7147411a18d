package atelier.ui.architecture;

import atelier.model.ArchitectureSummary;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A line of the architecture list: the name and its trainable parameter total for the input size, or, in red, why
 * the input does not fit (cut to the line; the whole reason is in the tooltip and beside the table once selected).
 */
final class ArchitectureCell extends ListCell<ArchitectureEntry> {
    private final Label name = new Label();
    private final Label total = new Label();
    private final Label detail = new Label();
    private final Tooltip reason = new Tooltip();
    private final VBox graphic;
    private final ChangeListener<ArchitectureSummary> refill = (obs, old, now) -> fill(now);
    private ArchitectureEntry shown;

    ArchitectureCell() {
        getStyleClass().add("architecture-cell");
        name.getStyleClass().add("architecture-name");
        total.getStyleClass().add("architecture-total");
        detail.getStyleClass().add("architecture-detail");
        reason.setWrapText(true);
        reason.setMaxWidth(420);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        graphic = new VBox(1, new HBox(6, name, gap, total), detail);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ArchitectureEntry entry, boolean empty) {
        super.updateItem(entry, empty);
        if (shown != null) {
            shown.summaryProperty().removeListener(refill);
        }
        shown = empty ? null : entry;
        if (shown == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        shown.summaryProperty().addListener(refill);
        name.setText(shown.name());
        fill(shown.summary());
        setGraphic(graphic);
    }

    private void fill(ArchitectureSummary summary) {
        detail.getStyleClass().remove("error");
        total.getStyleClass().remove("error");
        if (summary.fits()) {
            total.setText(ParameterCount.format(summary.trainable()));
            detail.setText(summary.title());
            setTooltip(null);
            return;
        }
        total.setText("refused");
        String because = summary.refusal();
        detail.setText(because.startsWith(summary.name() + " ") ? because.substring(summary.name().length() + 1)
                : because);
        detail.getStyleClass().add("error");
        total.getStyleClass().add("error");
        reason.setText(because);
        setTooltip(reason);
    }
}
