package atelier.ui.diagnosis;

import atelier.ui.diagnosis.DiagnosisViewModel.Suspect;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;

/** A suspicious image: the picture, its label and the prediction with both probabilities, and the loss. */
final class SuspectCell extends GridCell<Suspect> {
    private final DiagnosisViewModel model;
    private final ImageView image = new ImageView();
    private final Label labels = new Label();
    private final Label numbers = new Label();
    private final VBox content = new VBox(1, image, labels, numbers);
    private final javafx.beans.InvalidationListener selectionListener = observable -> render();

    SuspectCell(DiagnosisViewModel model) {
        this.model = model;
        getStyleClass().add("suspect");
        image.setFitWidth(64);
        image.setFitHeight(64);
        image.setSmooth(false);
        content.setAlignment(Pos.TOP_CENTER);
        labels.getStyleClass().add("suspect-labels");
        numbers.getStyleClass().add("suspect-numbers");
        // the cell holds its listener strongly and the property weakly: a weak listener made from a lambda alone
        // would be collected at once, and cells would stop following the selection
        model.selectedProperty().addListener(new javafx.beans.WeakInvalidationListener(selectionListener));
        setOnMouseClicked(event -> {
            if (getItem() != null) {
                model.selectedProperty().set(getItem());
                getGridView().requestFocus();
                if (event.getClickCount() == 2) {
                    model.toggleExclude(getItem());
                }
            }
        });
    }

    @Override
    protected void updateItem(Suspect suspect, boolean empty) {
        super.updateItem(suspect, empty);
        render();
    }

    private void render() {
        Suspect suspect = getItem();
        getStyleClass().removeAll("selected", "excluded", "relabelled", "flagged");
        if (isEmpty() || suspect == null) {
            setGraphic(null);
            return;
        }
        List<String> classes = model.classes();
        image.setImage(model.thumbnail(suspect));
        labels.setText(name(classes, suspect.label()) + " → " + name(classes, suspect.predicted()));
        numbers.setText(String.format("%.2f / %.2f · loss %.1f", suspect.probLabel(), suspect.probPredicted(),
                suspect.loss()));
        if (suspect.equals(model.selectedProperty().get())) {
            getStyleClass().add("selected");
        }
        if (suspect.flagged()) {
            getStyleClass().add("flagged");
        }
        if (model.isExcluded(suspect)) {
            getStyleClass().add("excluded");
        }
        if (model.isRelabelled(suspect)) {
            getStyleClass().add("relabelled");
        }
        setGraphic(content);
    }

    /** "3 Dress" for named classes, "3" for digits whose names are their numbers. */
    static String numbered(List<String> classes, int label) {
        String name = name(classes, label);
        return name.equals(Integer.toString(label)) ? name : label + " " + name;
    }

    static String name(List<String> classes, int label) {
        return label >= 0 && label < classes.size() ? classes.get(label) : Integer.toString(label);
    }
}
