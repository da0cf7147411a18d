package atelier.ui.dataset;

import atelier.ui.LabelledImageCell;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One image in the grid: the picture, its label name, and marks for selected, relabelled and excluded. */
final class ThumbnailCell extends LabelledImageCell<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailCell.class);
    private static final AtomicBoolean FIRST_SHOWN = new AtomicBoolean();

    private final DatasetViewModel model;

    ThumbnailCell(DatasetViewModel model, double size) {
        super(size);
        this.model = model;
        redrawOn(model.revisionProperty());
        redrawOn(model.selectedProperty());
        setOnMouseClicked(event -> {
            if (getItem() != null) {
                model.select(getItem());
                getGridView().requestFocus();
            }
        });
    }

    @Override
    protected Image image(Integer index) {
        return model.thumbnail(index);
    }

    @Override
    protected String caption(Integer index) {
        return model.labelName(index);
    }

    @Override
    protected List<String> marks(Integer index) {
        List<String> marks = new ArrayList<>(3);
        if (index == model.selected()) {
            marks.add("selected");
        }
        if (model.isRelabelled(index)) {
            marks.add("relabelled");
        }
        if (model.isExcluded(index)) {
            marks.add("excluded");
        }
        return marks;
    }

    @Override
    protected void drawn(Integer index) {
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
