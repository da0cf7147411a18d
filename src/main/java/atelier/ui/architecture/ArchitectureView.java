package atelier.ui.architecture;

import atelier.model.Resize;
import atelier.ui.DialogService;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Architecture tab. Left: input size and class count, the architectures with their totals, and how the chosen
 * one starts (initialization, freezing, VGG16's resizing and ImageNet weights) with "Use for training". Centre: the
 * selection's problems, the custom layer editor when "custom" is selected, and the per-layer table with totals.
 * Right: the layer stack drawn with its shapes, and the shape reasoning.
 */
public final class ArchitectureView {
    private final ArchitectureViewModel model;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final LayerStackDiagram diagram = new LayerStackDiagram();

    public ArchitectureView(ArchitectureViewModel model, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        root.setId("architecture-view");
        root.setLeft(sidebar());
        root.setCenter(centre());
        root.setRight(drawing());
    }

    public Parent root() {
        return root;
    }

    // ---- left: input, list, initialization, use for training

    private Node sidebar() {
        TextField input = new TextField();
        input.setId("arch-input");
        input.setPrefColumnCount(7);
        input.setPromptText("28x28x1");
        input.setTooltip(new Tooltip("height x width x channels"));
        input.textProperty().bindBidirectional(model.inputTextProperty());
        TextField classes = new TextField();
        classes.setId("arch-classes");
        classes.setPrefColumnCount(4);
        classes.textProperty().bindBidirectional(model.classesTextProperty());
        Button fromDataset = new Button("From dataset");
        fromDataset.setId("arch-from-dataset");
        fromDataset.setTooltip(new Tooltip("Put the open dataset's image size and class count back"));
        fromDataset.setOnAction(e -> model.useDatasetSize());
        fromDataset.setMinWidth(Button.USE_PREF_SIZE);
        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(4);
        form.addRow(0, fixed("Input"), input, fromDataset);
        form.addRow(1, fixed("Classes"), classes);
        Label hint = wrapped("hint");
        hint.textProperty().bind(model.datasetHintProperty());
        Label inputError = wrapped("error");
        inputError.setId("arch-input-error");
        inputError.textProperty().bind(model.inputErrorProperty());
        hideWhenEmpty(inputError);

        ListView<ArchitectureEntry> list = new ListView<>(model.architectures());
        list.setId("architecture-list");
        list.setCellFactory(view -> new ArchitectureCell());
        list.setFixedCellSize(40);
        list.setPrefHeight(6 * 40 + 4);
        list.setMinHeight(6 * 40 + 4);
        selectInList(list, model.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (entry != null) {
                model.selectedProperty().set(entry.name());
            }
        });
        model.selectedProperty().addListener((obs, old, name) -> selectInList(list, name));

        VBox box = new VBox(8, heading("Input"), form, hint, inputError, heading("Architectures"), list,
                initialization());
        box.setPadding(new Insets(10, 10, 4, 10));
        box.setPrefWidth(280);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        // "Use for training" stays in sight however long the messages above it grow
        BorderPane sidebar = new BorderPane(scroll);
        sidebar.setBottom(training());
        sidebar.setPrefWidth(290);
        return sidebar;
    }

    private static void selectInList(ListView<ArchitectureEntry> list, String name) {
        list.getItems().stream().filter(entry -> entry.name().equals(name)).findFirst()
                .ifPresent(entry -> list.getSelectionModel().select(entry));
    }

    private Node initialization() {
        ToggleGroup group = new ToggleGroup();
        RadioButton xavier = radio("Xavier uniform", "init-xavier", group, Initialization.XAVIER);
        RadioButton he = radio("He (for ReLU networks)", "init-he", group, Initialization.HE);
        RadioButton checkpoint = radio("Checkpoint", "init-checkpoint", group, Initialization.CHECKPOINT);
        checkpoint.disableProperty().bind(model.checkpointProperty().isNull());
        group.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle != null) {
                model.initializationProperty().set((Initialization) toggle.getUserData());
            }
        });
        model.initializationProperty().addListener((obs, old, now) -> selectToggle(group, now));
        selectToggle(group, model.initializationProperty().get());
        Button choose = new Button("From a checkpoint…");
        choose.setId("choose-checkpoint");
        choose.setOnAction(e -> dialogs.chooseOpenFile("Initialize from a checkpoint", model.checkpointFolder(),
                "zip").ifPresent(model::useCheckpoint));

        Label file = wrapped("hint");
        file.textProperty().bind(Bindings.createStringBinding(() -> {
            Path path = model.checkpointProperty().get();
            return path == null ? "Checkpoints are a run's best.zip or last.zip, or any DL4J model file."
                    : "Checkpoint: " + path;
        }, model.checkpointProperty()));
        Label transfer = wrapped("transfer");
        transfer.setId("transfer-report");
        transfer.textProperty().bind(model.transferTextProperty());
        transfer.visibleProperty().bind(model.transferTextProperty().isNotEmpty()
                .and(model.initializationProperty().isEqualTo(Initialization.CHECKPOINT)));
        transfer.managedProperty().bind(transfer.visibleProperty());
        Label transferError = wrapped("error");
        transferError.setId("transfer-error");
        transferError.textProperty().bind(model.transferErrorProperty());
        hideWhenEmpty(transferError);

        CheckBox freeze = new CheckBox("Freeze all but the last dense layer");
        freeze.setId("freeze");
        freeze.setTooltip(new Tooltip("Finetuning: only the output layer learns; see the Frozen column"));
        freeze.selectedProperty().bindBidirectional(model.freezeProperty());

        HBox fromFile = new HBox(8, checkpoint, choose);
        fromFile.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(5, heading("Initialization"), xavier, he, fromFile, file, transfer, transferError,
                freeze, vgg());
        return box;
    }

    private Node vgg() {
        ChoiceBox<Resize> resize = new ChoiceBox<>();
        resize.setId("vgg-resize");
        resize.getItems().addAll(Resize.AUTO, Resize.TO_32, Resize.TO_224);
        resize.setConverter(new StringConverter<>() {
            @Override
            public String toString(Resize value) {
                if (value == null) {
                    return "";
                }
                return value == Resize.AUTO ? "auto (28x28 → 32x32)" : value.side() + "x" + value.side();
            }

            @Override
            public Resize fromString(String text) {
                return null;
            }
        });
        resize.valueProperty().bindBidirectional(model.resizeProperty());
        Button imageNet = new Button("ImageNet weights");
        imageNet.setId("imagenet-weights");
        imageNet.setTooltip(new Tooltip("Download VGG16's ImageNet weights through DL4J's model zoo (about 500 MB "
                + "once) and start from them"));
        imageNet.disableProperty().bind(model.imageNetRunningProperty());
        imageNet.setOnAction(e -> model.loadImageNetWeights());
        Label message = wrapped("imagenet-message");
        message.setId("imagenet-message");
        message.textProperty().bind(model.imageNetTextProperty());
        hideWhenEmpty(message);
        model.imageNetFailedProperty().addListener((obs, old, failed) -> {
            message.getStyleClass().remove("error");
            if (failed) {
                message.getStyleClass().add("error");
            }
        });
        HBox line = new HBox(6, new Label("Resize to"), resize);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(5, heading("VGG16"), line, imageNet, message);
        box.visibleProperty().bind(model.vggSelectedProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node training() {
        Button use = new Button("Use for training");
        use.setId("use-for-training");
        // not the default button: Enter in the tab's text fields (input size, classes, layer sizes) only edits
        use.setMaxWidth(Double.MAX_VALUE);
        use.setOnAction(e -> model.useForTraining());
        Label message = wrapped("use-message");
        message.setId("use-message");
        message.textProperty().bind(model.useMessageProperty());
        hideWhenEmpty(message);
        model.useFailedProperty().addListener((obs, old, failed) -> {
            message.getStyleClass().remove("error");
            if (failed) {
                message.getStyleClass().add("error");
            }
        });
        VBox box = new VBox(6, use, message);
        box.setPadding(new Insets(6, 10, 10, 10));
        return box;
    }

    private RadioButton radio(String text, String id, ToggleGroup group, Initialization value) {
        RadioButton button = new RadioButton(text);
        button.setId(id);
        button.setToggleGroup(group);
        button.setUserData(value);
        return button;
    }

    private static void selectToggle(ToggleGroup group, Initialization value) {
        group.getToggles().stream().filter(toggle -> toggle.getUserData() == value).findFirst()
                .ifPresent(group::selectToggle);
    }

    // ---- centre: problems, custom editor, layer table

    private Node centre() {
        Label title = new Label();
        title.setId("arch-title");
        title.getStyleClass().add("selection-title");
        title.textProperty().bind(model.titleProperty());
        Label context = new Label();
        context.setId("arch-context");
        context.textProperty().bind(model.contextProperty());
        VBox problems = new VBox(2);
        problems.setId("arch-problems");
        model.problems().addListener((ListChangeListener<String>) change -> fillProblems(problems));
        fillProblems(problems);

        ProgressIndicator spinner = new ProgressIndicator(-1);
        spinner.setPrefSize(16, 16);
        Label buildingText = new Label();
        buildingText.setId("arch-building");
        buildingText.getStyleClass().add("hint");
        buildingText.textProperty().bind(model.buildingTextProperty());
        HBox building = new HBox(6, spinner, buildingText);
        building.setAlignment(Pos.CENTER_LEFT);
        building.visibleProperty().bind(model.buildingProperty());
        building.managedProperty().bind(building.visibleProperty());

        Node editor = new CustomLayerEditor(model).node();
        Node table = layerTable();
        SplitPane split = new SplitPane();
        split.setOrientation(Orientation.VERTICAL);
        Runnable arrange = () -> {
            if (model.customSelectedProperty().get()) {
                split.getItems().setAll(editor, table);
                split.setDividerPositions(0.55);
            } else {
                split.getItems().setAll(table);
            }
        };
        model.customSelectedProperty().addListener((obs, old, now) -> arrange.run());
        arrange.run();

        VBox header = new VBox(3, title, context, problems, building);
        BorderPane centre = new BorderPane(split);
        centre.setTop(header);
        BorderPane.setMargin(header, new Insets(0, 0, 6, 0));
        centre.setPadding(new Insets(10, 8, 10, 8));
        return centre;
    }

    private void fillProblems(VBox box) {
        box.getChildren().setAll(model.problems().stream().map(problem -> {
            Label label = wrapped("error");
            label.getStyleClass().add("problem");
            label.setText(problem);
            return label;
        }).toList());
    }

    private Node layerTable() {
        TableView<LayerTableRow> table = new TableView<>(model.rows());
        table.setId("layer-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Select an architecture."));
        table.getColumns().add(column("Layer", LayerTableRow::name, 100, false));
        table.getColumns().add(column("Type", LayerTableRow::type, 80, false));
        table.getColumns().add(column("Output shape", LayerTableRow::shapeText, 104, true));
        table.getColumns().add(column("Trainable", row -> ParameterCount.format(row.trainable()), 94, true));
        table.getColumns().add(column("Non-trainable", row -> ParameterCount.format(row.nonTrainable()), 108,
                true));
        table.getColumns().add(column("Frozen", row -> row.frozen() ? "frozen" : "", 60, false));
        table.getColumns().add(column("Settings", row -> row.ok() ? row.detail() : row.error(), 80, false));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(LayerTableRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("layer-error", "layer-frozen");
                if (!empty && row != null) {
                    if (!row.ok()) {
                        getStyleClass().add("layer-error");
                    } else if (row.frozen()) {
                        getStyleClass().add("layer-frozen");
                    }
                    setTooltip(row.ok() ? null : new Tooltip(row.error()));
                } else {
                    setTooltip(null);
                }
            }
        });
        Label totals = new Label();
        totals.setId("totals");
        totals.getStyleClass().add("totals");
        totals.textProperty().bind(model.totalsProperty());
        VBox box = new VBox(4, table, totals);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(4, 0, 0, 0));
        return box;
    }

    private static TableColumn<LayerTableRow, String> column(String title, Function<LayerTableRow, String> value,
                                                           double width, boolean numeric) {
        TableColumn<LayerTableRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> Bindings.createStringBinding(() -> value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setMinWidth(width);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                // the settings and errors are often longer than the column; the tooltip has them whole
                setTooltip(empty || text == null || text.isEmpty() || numeric ? null : new Tooltip(text));
                setAlignment(numeric ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
            }
        });
        return column;
    }

    // ---- right: drawing and notes

    private Node drawing() {
        ScrollPane diagramScroll = new ScrollPane(diagram.node());
        diagramScroll.setId("layer-diagram");
        diagramScroll.setFitToWidth(true);
        diagramScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        Runnable redraw = () -> diagram.show(model.rows(), model.inputProperty().get());
        // another architecture is drawn from its input down, not at the scroll position of the one before
        model.titleProperty().addListener((obs, old, now) -> diagramScroll.setVvalue(0));
        model.rows().addListener((ListChangeListener<LayerTableRow>) change -> redraw.run());
        redraw.run();

        VBox notes = new VBox(6);
        notes.setId("arch-notes");
        notes.setPadding(new Insets(4));
        Runnable fillNotes = () -> notes.getChildren().setAll(model.notes().stream().map(note -> {
            Label label = wrapped("note");
            label.setText(note);
            return label;
        }).toList());
        model.notes().addListener((ListChangeListener<String>) change -> fillNotes.run());
        fillNotes.run();
        ScrollPane notesScroll = new ScrollPane(notes);
        notesScroll.setFitToWidth(true);
        notesScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        VBox top = new VBox(4, heading("Layer stack"), diagramScroll);
        VBox.setVgrow(diagramScroll, Priority.ALWAYS);
        VBox bottom = new VBox(4, heading("Shape reasoning"), notesScroll);
        VBox.setVgrow(notesScroll, Priority.ALWAYS);
        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        split.setPrefWidth(300);
        split.setPadding(new Insets(10, 10, 10, 0));
        return split;
    }

    // ---- small pieces

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    /** A form label that keeps its whole text when the sidebar is narrow. */
    private static Label fixed(String text) {
        Label label = new Label(text);
        label.setMinWidth(Label.USE_PREF_SIZE);
        return label;
    }

    private static Label wrapped(String styleClass) {
        Label label = new Label();
        label.setWrapText(true);
        label.getStyleClass().add(styleClass);
        label.setMinHeight(Label.USE_PREF_SIZE);
        return label;
    }

    private static void hideWhenEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }
}
