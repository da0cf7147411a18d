package atelier.ui.dataset;

import atelier.data.Split;
import atelier.ui.DatasetChoice;
import atelier.ui.DialogService;
import atelier.ui.DialogService.MislabelSettings;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.util.StringConverter;
import impl.org.controlsfx.skin.GridViewSkin;
import org.controlsfx.control.GridView;

/**
 * The Dataset tab: choose a dataset, filter it, browse every image in a virtualized grid, and relabel or exclude
 * images with the keyboard (arrows move, 0–9 relabel, Delete excludes, Ctrl+Z / Ctrl+Y undo and redo).
 */
public final class DatasetView {
    private static final double THUMBNAIL = 56;
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO_ALT = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final DatasetViewModel model;
    private final DialogService dialogs;
    private final BorderPane root = new BorderPane();
    private final GridView<Integer> grid;

    public DatasetView(DatasetViewModel model, DialogService dialogs) {
        this.model = model;
        this.dialogs = dialogs;
        this.grid = createGrid();
        root.setId("dataset-view");
        root.setTop(toolbar());
        root.setLeft(filters());
        root.setCenter(grid);
        root.setRight(details());
        root.addEventHandler(KeyEvent.KEY_PRESSED, this::onShortcut);
        model.selectedProperty().addListener((obs, old, index) -> scrollToSelection());
    }

    public Parent root() {
        return root;
    }

    private GridView<Integer> createGrid() {
        GridView<Integer> view = new GridView<>(model.items());
        view.setId("thumbnail-grid");
        view.setCellWidth(THUMBNAIL + 4);
        view.setCellHeight(THUMBNAIL + 4);
        view.setHorizontalCellSpacing(2);
        view.setVerticalCellSpacing(2);
        view.setCellFactory(g -> new ThumbnailCell(model, THUMBNAIL));
        view.setFocusTraversable(true);
        view.addEventFilter(KeyEvent.KEY_PRESSED, this::onGridKey);
        return view;
    }

    private ToolBar toolbar() {
        ComboBox<DatasetChoice> datasets = new ComboBox<>();
        datasets.setId("dataset-choice");
        datasets.getItems().addAll(DatasetChoice.FASHION_MNIST, DatasetChoice.MNIST);
        model.datasetChoiceProperty().addListener((obs, old, choice) -> {
            if (choice != null && !datasets.getItems().contains(choice)) {
                datasets.getItems().add(choice);
            }
            datasets.getSelectionModel().select(choice);
        });
        datasets.setOnAction(e -> {
            DatasetChoice choice = datasets.getValue();
            if (choice != null && !choice.equals(model.datasetChoiceProperty().get())) {
                model.open(choice);
            }
        });
        Button openFolder = new Button("Open folder…");
        openFolder.setId("open-folder");
        openFolder.setOnAction(e -> dialogs.chooseDirectory("Open a dataset folder (IDX files or training/ and "
                + "testing/ image folders)", Path.of("data")).ifPresent(model::openFolder));
        Button undo = new Button("Undo");
        undo.setId("undo");
        undo.disableProperty().bind(model.canUndoProperty().not());
        undo.setOnAction(e -> model.undo());
        Button redo = new Button("Redo");
        redo.setId("redo");
        redo.disableProperty().bind(model.canRedoProperty().not());
        redo.setOnAction(e -> model.redo());
        MenuItem mislabel = new MenuItem("Generate mislabelled MNIST…");
        mislabel.setOnAction(e -> dialogs.askMislabelSettings(
                new MislabelSettings(100, 7, model.suggestedMislabelledFolder()))
                .ifPresent(model::generateMislabelled));
        MenuItem export = new MenuItem("Export cleaned dataset…");
        export.setOnAction(e -> dialogs.chooseNewFolder("Export cleaned dataset", model.suggestedExportFolder())
                .ifPresent(model::exportCleaned));
        MenuButton tools = new MenuButton("Tools", null, mislabel, export);
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        return new ToolBar(new Label("Dataset:"), datasets, openFolder, new Separator(), undo, redo,
                new Separator(), tools, new Separator(), summary);
    }

    private VBox filters() {
        ChoiceBox<Split> split = new ChoiceBox<>();
        split.setId("split-filter");
        split.getItems().addAll(Split.values());
        split.setConverter(new StringConverter<>() {
            @Override
            public String toString(Split s) {
                return s == null ? "" : s == Split.TRAIN ? "Training" : "Test";
            }

            @Override
            public Split fromString(String text) {
                return Split.parse(text);
            }
        });
        split.valueProperty().bindBidirectional(model.splitProperty());

        ComboBox<Integer> classes = new ComboBox<>();
        classes.setId("class-filter");
        Runnable fillClasses = () -> {
            classes.getItems().clear();
            classes.getItems().add(-1);
            for (int c = 0; c < model.classNames().size(); c++) {
                classes.getItems().add(c);
            }
            classes.setValue(model.classFilterProperty().get());
        };
        model.classNames().addListener((javafx.collections.ListChangeListener<String>) c -> fillClasses.run());
        fillClasses.run();
        classes.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer c) {
                return c == null || c < 0 ? "All classes"
                        : c < model.classNames().size() ? classText(c, model.classNames().get(c)) : "";
            }

            @Override
            public Integer fromString(String text) {
                return -1;
            }
        });
        classes.valueProperty().addListener((obs, old, c) -> {
            if (c != null) {
                model.classFilterProperty().set(c);
            }
        });
        model.classFilterProperty().addListener((obs, old, c) -> classes.setValue(c.intValue()));

        ChoiceBox<EditFilter> edits = new ChoiceBox<>();
        edits.setId("edit-filter");
        edits.getItems().addAll(EditFilter.values());
        edits.valueProperty().bindBidirectional(model.editFilterProperty());

        TableView<ClassCount> counts = new TableView<>(model.classCounts());
        counts.setId("class-counts");
        counts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ClassCount, String> name = new TableColumn<>("Class");
        name.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(classText(row.getValue().label(),
                row.getValue().name())));
        TableColumn<ClassCount, Integer> count = new TableColumn<>("Images");
        count.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().count()));
        TableColumn<ClassCount, Integer> edited = new TableColumn<>("Edited");
        edited.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().edited()));
        counts.getColumns().add(name);
        counts.getColumns().add(count);
        counts.getColumns().add(edited);
        // tall enough for every class (up to 12 rows), not a fixed 300 px that shows 7 of MNIST's 10
        counts.setFixedCellSize(24);
        counts.prefHeightProperty().bind(Bindings.min(12, Bindings.size(model.classCounts())).multiply(24).add(30));
        counts.setMinHeight(Region.USE_PREF_SIZE);
        counts.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.classFilterProperty().set(row.label());
            }
        });

        ListView<String> problems = new ListView<>(model.problems());
        problems.setId("problems");
        problems.setPlaceholder(new Label("No problems found"));
        TitledPane problemsPane = new TitledPane();
        problemsPane.textProperty().bind(Bindings.size(model.problems()).asString("Load problems (%d)"));
        problemsPane.setContent(problems);
        // open, and given the room left, only when there is something to read
        problemsPane.expandedProperty().bind(Bindings.isNotEmpty(model.problems()));
        problemsPane.setCollapsible(false);
        model.problems().addListener((javafx.collections.ListChangeListener<String>) c ->
                VBox.setVgrow(problemsPane, model.problems().isEmpty() ? Priority.NEVER : Priority.ALWAYS));

        VBox box = new VBox(6, new Label("Split"), split, new Label("Class"), classes, new Label("Show"), edits,
                new Label("Images per class"), counts, problemsPane);
        box.setPadding(new Insets(8));
        box.setPrefWidth(300);
        return box;
    }

    /** "3" for a class named after its label (MNIST's digits), "3 dress" otherwise: never "3 3". */
    static String classText(int label, String name) {
        return name.equals(Integer.toString(label)) ? name : label + " " + name;
    }

    private VBox details() {
        ImageView large = new ImageView();
        large.setId("selected-image");
        large.setFitWidth(280);
        large.setFitHeight(280);
        large.setSmooth(false);
        large.setPreserveRatio(true);
        large.imageProperty().bind(model.selectionImageProperty());
        Label title = new Label();
        title.setId("selected-title");
        title.getStyleClass().add("selection-title");
        title.textProperty().bind(model.selectionTitleProperty());
        Label details = new Label();
        details.setId("selected-details");
        details.setWrapText(true);
        details.textProperty().bind(model.selectionDetailsProperty());

        ComboBox<Integer> relabel = new ComboBox<>();
        relabel.setId("relabel-choice");
        relabel.setPromptText("Relabel as…");
        relabel.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer c) {
                return c == null || c < 0 || c >= model.classNames().size() ? ""
                        : classText(c, model.classNames().get(c));
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        Runnable fill = () -> {
            relabel.getItems().clear();
            for (int c = 0; c < model.classNames().size(); c++) {
                relabel.getItems().add(c);
            }
        };
        model.classNames().addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        fill.run();
        relabel.setOnAction(e -> {
            Integer label = relabel.getValue();
            if (label != null) {
                model.relabelSelected(label);
                relabel.getSelectionModel().clearSelection();
                grid.requestFocus();
            }
        });
        Button exclude = new Button();
        exclude.setId("exclude");
        exclude.textProperty().bind(Bindings.when(model.selectionExcludedProperty())
                .then("Restore").otherwise("Exclude"));
        exclude.disableProperty().bind(model.selectedProperty().lessThan(0));
        relabel.disableProperty().bind(model.selectedProperty().lessThan(0));
        exclude.setOnAction(e -> {
            model.toggleExcludeSelected();
            grid.requestFocus();
        });
        Label keys = new Label("Keys: arrows move · 0–9 relabel · Delete excludes or restores · "
                + "Ctrl+Z undo · Ctrl+Y redo");
        keys.setWrapText(true);
        keys.getStyleClass().add("hint");
        VBox box = new VBox(8, large, title, details, relabel, exclude, keys);
        box.setAlignment(Pos.TOP_LEFT);
        box.setPadding(new Insets(8));
        box.setPrefWidth(300);
        return box;
    }

    private void onGridKey(KeyEvent event) {
        KeyCode code = event.getCode();
        if (event.isShortcutDown() || event.isAltDown()) {
            return;
        }
        switch (code) {
            case LEFT -> model.moveSelection(-1);
            case RIGHT -> model.moveSelection(1);
            case UP -> model.moveSelection(-columns());
            case DOWN -> model.moveSelection(columns());
            case PAGE_UP -> model.moveSelection(-columns() * visibleRows());
            case PAGE_DOWN -> model.moveSelection(columns() * visibleRows());
            case HOME -> model.moveSelection(-model.items().size());
            case END -> model.moveSelection(model.items().size());
            case DELETE, BACK_SPACE -> model.toggleExcludeSelected();
            default -> {
                if (code.isDigitKey()) {
                    int label = Integer.parseInt(code.getChar().isEmpty() ? "-1"
                            : code.getName().replaceAll("\\D", ""));
                    model.relabelSelected(label);
                } else {
                    return;
                }
            }
        }
        event.consume();
    }

    private void onShortcut(KeyEvent event) {
        if (UNDO.match(event)) {
            model.undo();
            event.consume();
        } else if (REDO.match(event) || REDO_ALT.match(event)) {
            model.redo();
            event.consume();
        }
    }

    private int columns() {
        if (grid.getSkin() instanceof GridViewSkin<?> skin) {
            return Math.max(1, skin.computeMaxCellsInRow());
        }
        return 1;
    }

    private int visibleRows() {
        return Math.max(1, (int) (grid.getHeight() / (grid.getCellHeight() + grid.getVerticalCellSpacing() * 2)));
    }

    private void scrollToSelection() {
        int position = model.selectedPosition();
        if (position < 0 || !(grid.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return;
        }
        flow.scrollTo(position / columns());
    }
}
