package atelier.ui.dataset;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.GridCell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One image in the grid: the picture, its label name, and marks for selected, relabelled and excluded. */
final class ThumbnailCell extends GridCell<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailCell.class);
    private static final AtomicBoolean FIRST_SHOWN = new AtomicBoolean();

    private final DatasetViewModel model;
    private final ImageView image = new ImageView();
    private final Label caption = new Label();
    private final StackPane content = new StackPane(image, caption);
    private final InvalidationListener redraw = obs -> render();

    ThumbnailCell(DatasetViewModel model, double size) {
        this.model = model;
        getStyleClass().add("thumbnail");
        image.setFitWidth(size);
        image.setFitHeight(size);
        image.setSmooth(false);
        caption.getStyleClass().add("thumbnail-caption");
        StackPane.setAlignment(caption, Pos.BOTTOM_CENTER);
        model.revisionProperty().addListener(new WeakInvalidationListener(redraw));
        model.selectedProperty().addListener(new WeakInvalidationListener(redraw));
        setOnMouseClicked(event -> {
            if (getItem() != null) {
                model.select(getItem());
                getGridView().requestFocus();
            }
        });
    }

    @Override
    protected void updateItem(Integer index, boolean empty) {
        super.updateItem(index, empty);
        render();
    }

    private void render() {
        Integer index = getItem();
        getStyleClass().removeAll("selected", "relabelled", "excluded");
        if (isEmpty() || index == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        image.setImage(model.thumbnail(index));
        caption.setText(model.labelName(index));
        if (index == model.selected()) {
            getStyleClass().add("selected");
        }
        if (model.isRelabelled(index)) {
            getStyleClass().add("relabelled");
        }
        if (model.isExcluded(index)) {
            getStyleClass().add("excluded");
        }
        setGraphic(content);
        if (FIRST_SHOWN.compareAndSet(false, true)) {
            logStartup();
        }
    }

    /** The start-up figure the README reports: JVM start to the first thumbnail, and the heap it took. */
    private static void logStartup() {
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Runtime runtime = Runtime.getRuntime();
        LOG.info("first thumbnails {} ms after JVM start; heap in use {} MB", sinceStart,
                (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
    }
}
