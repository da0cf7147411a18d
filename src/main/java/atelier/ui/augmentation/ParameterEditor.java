package atelier.ui.augmentation;

import atelier.augment.Parameter;
import atelier.augment.TransformSpec;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * The parameters of one step: a slider and a field for each number (the slider spans the accepted range, the field
 * takes any value typed; both send every change to the model at once), a list for each choice. Built anew when the
 * selected step changes; parameter edits change the model's step but not this editor.
 */
final class ParameterEditor {
    private final AugmentationViewModel model;
    private final int step;
    private final GridPane grid = new GridPane();
    private boolean updating;

    ParameterEditor(AugmentationViewModel model, int step) {
        this.model = model;
        this.step = step;
        grid.setHgap(6);
        grid.setVgap(4);
        grid.setPadding(new Insets(4, 0, 4, 0));
        grid.getStyleClass().add("augment-parameters");
        TransformSpec spec = model.steps().get(step);
        int row = 0;
        for (Parameter parameter : spec.kind().parameters()) {
            Label name = new Label(parameter.name());
            name.setTooltip(new Tooltip(parameter.description() + " (" + parameter.range() + ")"));
            grid.add(name, 0, row);
            if (parameter.isChoice()) {
                grid.add(choice(parameter, spec), 1, row, 2, 1);
            } else {
                addNumber(parameter, spec, row);
            }
            row++;
        }
    }

    Node root() {
        return grid;
    }

    private Node choice(Parameter parameter, TransformSpec spec) {
        ComboBox<String> box = new ComboBox<>();
        box.setId("parameter-" + parameter.name());
        box.getItems().setAll(parameter.choices());
        box.setValue(parameter.format(spec.value(parameter.name())));
        box.valueProperty().addListener((obs, old, chosen) -> {
            if (chosen != null) {
                model.setParameter(step, parameter.name(), parameter.choices().indexOf(chosen));
            }
        });
        return box;
    }

    private void addNumber(Parameter parameter, TransformSpec spec, int row) {
        double value = spec.value(parameter.name());
        Slider slider = new Slider(parameter.min(), parameter.max(), value);
        slider.setId("slider-" + parameter.name());
        slider.setPrefWidth(130);
        if (parameter.whole()) {
            slider.setMajorTickUnit(1);
            slider.setMinorTickCount(0);
            slider.setSnapToTicks(true);
        }
        TextField field = new TextField(parameter.format(value));
        field.setId("parameter-" + parameter.name());
        field.setPrefColumnCount(5);
        slider.valueProperty().addListener((obs, old, now) -> {
            if (updating) {
                return;
            }
            double v = parameter.whole() ? Math.rint(now.doubleValue()) : round(now.doubleValue(), parameter);
            updating = true;
            field.setText(parameter.format(v));
            updating = false;
            model.setParameter(step, parameter.name(), v);
        });
        field.textProperty().addListener((obs, old, text) -> {
            if (updating) {
                return;
            }
            double v;
            try {
                v = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                return; // mid-typing ("0."); a finished number follows
            }
            if (model.setParameter(step, parameter.name(), v)) {
                updating = true;
                slider.setValue(v);
                updating = false;
            }
        });
        GridPane.setHgrow(slider, Priority.ALWAYS);
        grid.add(slider, 1, row);
        grid.add(field, 2, row);
    }

    /** Slider values to a few significant digits, so the text form stays readable. */
    private static double round(double value, Parameter parameter) {
        double span = parameter.max() - parameter.min();
        double unit = span <= 1 ? 0.01 : span <= 10 ? 0.05 : 0.5;
        double rounded = Math.rint(value / unit) * unit;
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4f",
                Math.max(parameter.min(), Math.min(parameter.max(), rounded))));
    }
}
