package atelier.ui;

import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.WeakInvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.GridCell;

/**
 * A grid cell that shows one image of a dataset, pixel-sharp, with its label as a caption and its state (selected,
 * relabelled, excluded) as style classes; the Dataset tab's grid and the t-SNE tab's selection draw images alike
 * through it. Subclasses say what to show for an item and which observables make the cell redraw.
 */
public abstract class LabelledImageCell<T> extends GridCell<T> {
    /** Style classes a subclass may return from {@link #marks}; the stylesheet draws each. */
    public static final List<String> MARKS = List.of("selected", "relabelled", "excluded");

    private final ImageView image = new ImageView();
    private final Label caption = new Label();
    private final StackPane content = new StackPane(image, caption);
    private final InvalidationListener redraw = obs -> render();

    protected LabelledImageCell(double size) {
        getStyleClass().add("thumbnail");
        image.setFitWidth(size);
        image.setFitHeight(size);
        image.setSmooth(false);
        caption.getStyleClass().add("thumbnail-caption");
        StackPane.setAlignment(caption, Pos.BOTTOM_CENTER);
    }

    /** Redraws the cell whenever {@code observable} changes (held weakly: cells come and go with scrolling). */
    protected final void redrawOn(Observable observable) {
        observable.addListener(new WeakInvalidationListener(redraw));
    }

    protected abstract Image image(T item);

    protected abstract String caption(T item);

    /** The {@link #MARKS} that apply to the item now. */
    protected abstract List<String> marks(T item);

    /** Called after an item was drawn. */
    protected void drawn(T item) {
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        render();
    }

    private void render() {
        T item = getItem();
        getStyleClass().removeAll(MARKS);
        if (isEmpty() || item == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        image.setImage(image(item));
        caption.setText(caption(item));
        getStyleClass().addAll(marks(item));
        setGraphic(content);
        drawn(item);
    }
}
