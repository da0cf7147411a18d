package atelier.ui.tsne;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.GridCell;

/** One selected image, drawn as the Dataset tab draws its cells: picture, label, relabelled and excluded marks. */
final class SelectionCell extends GridCell<Integer> {
    private final TsneViewModel model;
    private final ImageView image = new ImageView();
    private final Label caption = new Label();
    private final StackPane content = new StackPane(image, caption);
    private final InvalidationListener redraw = obs -> render();

    SelectionCell(TsneViewModel model, double size) {
        this.model = model;
        getStyleClass().add("thumbnail");
        image.setFitWidth(size);
        image.setFitHeight(size);
        image.setSmooth(false);
        caption.getStyleClass().add("thumbnail-caption");
        StackPane.setAlignment(caption, Pos.BOTTOM_CENTER);
        model.revisionProperty().addListener(new WeakInvalidationListener(redraw));
        setOnMouseEntered(event -> {
            if (getItem() != null) {
                model.hover(getItem());
            }
        });
    }

    @Override
    protected void updateItem(Integer point, boolean empty) {
        super.updateItem(point, empty);
        render();
    }

    private void render() {
        Integer point = getItem();
        getStyleClass().removeAll("relabelled", "excluded");
        if (isEmpty() || point == null) {
            setGraphic(null);
            return;
        }
        image.setImage(model.thumbnail(point));
        int[] labels = model.labelsProperty().get();
        caption.setText(point < labels.length && labels[point] < model.classes().size()
                ? model.classes().get(labels[point]) : "");
        if (model.isRelabelled(point)) {
            getStyleClass().add("relabelled");
        }
        if (model.isExcluded(point)) {
            getStyleClass().add("excluded");
        }
        setGraphic(content);
    }
}
