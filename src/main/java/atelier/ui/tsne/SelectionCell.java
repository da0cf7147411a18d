package atelier.ui.tsne;

import atelier.ui.LabelledImageCell;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/** One selected image, drawn as the Dataset tab draws its cells: picture, label, relabelled and excluded marks. */
final class SelectionCell extends LabelledImageCell<Integer> {
    private final TsneViewModel model;

    SelectionCell(TsneViewModel model, double size) {
        super(size);
        this.model = model;
        redrawOn(model.revisionProperty());
        setOnMouseEntered(event -> {
            if (getItem() != null) {
                model.hover(getItem());
            }
        });
    }

    @Override
    protected Image image(Integer point) {
        return model.thumbnail(point);
    }

    @Override
    protected String caption(Integer point) {
        int[] labels = model.labelsProperty().get();
        return point < labels.length && labels[point] < model.classes().size() ? model.classes().get(labels[point])
                : "";
    }

    @Override
    protected List<String> marks(Integer point) {
        List<String> marks = new ArrayList<>(2);
        if (model.isRelabelled(point)) {
            marks.add("relabelled");
        }
        if (model.isExcluded(point)) {
            marks.add("excluded");
        }
        return marks;
    }
}
