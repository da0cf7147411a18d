package atelier.ui.dataset;

import atelier.data.CleanedDatasetExporter;
import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.ImageSet;
import atelier.data.LabelEdit;
import atelier.data.LabelView;
import atelier.data.LoadProblem;
import atelier.data.MislabelGenerator;
import atelier.data.Split;
import atelier.ui.AppEvents;
import atelier.ui.AppModel;
import atelier.ui.DatasetChoice;
import atelier.ui.ThumbnailCache;
import atelier.ui.DialogService.MislabelSettings;
import atelier.ui.ProgressTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;

/**
 * State of the Dataset tab: the filtered image list the grid shows, the selection and its details, per-class
 * counts, and the label actions. Journal writes go through {@link AppModel#editLabels}, off the FX thread.
 */
public final class DatasetViewModel {
    private final AppModel app;
    private final ThumbnailCache thumbnails = new ThumbnailCache();

    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(Split.TRAIN);
    private final IntegerProperty classFilter = new SimpleIntegerProperty(-1);
    private final ObjectProperty<EditFilter> editFilter = new SimpleObjectProperty<>(EditFilter.ALL);
    private final ObservableList<Integer> items = FXCollections.observableArrayList();
    private final ObservableList<String> classNames = FXCollections.observableArrayList();
    private final ObservableList<ClassCount> classCounts = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper selectionTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper selectionDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Image> selectionImage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper selectionExcluded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final BooleanProperty advanceAfterEdit = new SimpleBooleanProperty(true);

    public DatasetViewModel(AppModel app) {
        this.app = app;
        app.datasetProperty().addListener((obs, old, view) -> onDatasetChanged(view));
        // edits from any tab (this one included) arrive here first, before the edit's own completion
        app.events().subscribe(AppEvents.LabelsChanged.class, changed -> refreshAfterLabelChange());
        split.addListener((obs, old, value) -> refilter(true));
        classFilter.addListener((obs, old, value) -> refilter(true));
        editFilter.addListener((obs, old, value) -> refilter(true));
        selected.addListener((obs, old, index) -> app.selectedImageProperty().set(index.intValue() < 0 ? null
                : new atelier.ui.SelectedImage(split.get(), index.intValue())));
        if (app.dataset() != null) {
            onDatasetChanged(app.dataset());
        }
    }

    // ---- what the view binds to

    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    /** -1 for all classes. */
    public IntegerProperty classFilterProperty() {
        return classFilter;
    }

    public ObjectProperty<EditFilter> editFilterProperty() {
        return editFilter;
    }

    public ObservableList<Integer> items() {
        return items;
    }

    public ObservableList<String> classNames() {
        return classNames;
    }

    public ObservableList<ClassCount> classCounts() {
        return classCounts;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    /** Index (within the split) of the selected image, or -1. */
    public ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public int selected() {
        return selected.get();
    }

    /** Changes whenever labels change, so cells know to redraw their marks. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectionTitleProperty() {
        return selectionTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectionDetailsProperty() {
        return selectionDetails.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Image> selectionImageProperty() {
        return selectionImage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty selectionExcludedProperty() {
        return selectionExcluded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Whether relabelling or excluding moves the selection to the next image (keyboard labelling). */
    public BooleanProperty advanceAfterEditProperty() {
        return advanceAfterEdit;
    }

    public ReadOnlyObjectProperty<DatasetChoice> datasetChoiceProperty() {
        return app.datasetChoiceProperty();
    }

    // ---- queries for cells

    public Image thumbnail(int index) {
        LabelView view = app.dataset();
        return view == null ? null : thumbnails.get(view.dataset().split(split.get()), split.get(), index);
    }

    public String labelName(int index) {
        LabelView view = app.dataset();
        return view == null ? "" : view.dataset().className(view.label(split.get(), index));
    }

    public int label(int index) {
        return app.dataset().label(split.get(), index);
    }

    public boolean isRelabelled(int index) {
        return app.dataset() != null && app.dataset().isRelabelled(split.get(), index);
    }

    public boolean isExcluded(int index) {
        return app.dataset() != null && app.dataset().isExcluded(split.get(), index);
    }

    public int classCount() {
        return classNames.size();
    }

    // ---- actions

    public void open(DatasetChoice choice) {
        app.loadDataset(choice);
    }

    public void openFolder(Path folder) {
        app.loadDataset(DatasetChoice.folder(folder));
    }

    public void select(int index) {
        selected.set(index);
        updateSelection();
    }

    /** Moves the selection by {@code delta} positions in the shown list (1 = next image, columns = next row). */
    public void moveSelection(int delta) {
        if (items.isEmpty()) {
            return;
        }
        int position = items.indexOf(selected.get());
        int target = position < 0 ? 0 : Math.max(0, Math.min(items.size() - 1, position + delta));
        select(items.get(target));
    }

    public int selectedPosition() {
        return items.indexOf(selected.get());
    }

    public CompletableFuture<LabelEdit> relabelSelected(int label) {
        int index = selected.get();
        if (index < 0 || label < 0 || label >= classCount()) {
            return CompletableFuture.completedFuture(null);
        }
        Split s = split.get();
        return edit(view -> view.relabel(s, index, label), true);
    }

    /** Excludes the selected image, or restores it when it is excluded already. */
    public CompletableFuture<LabelEdit> toggleExcludeSelected() {
        int index = selected.get();
        if (index < 0) {
            return CompletableFuture.completedFuture(null);
        }
        Split s = split.get();
        boolean excluded = isExcluded(index);
        return edit(view -> excluded ? view.restore(s, index) : view.exclude(s, index), !excluded);
    }

    public CompletableFuture<LabelEdit> undo() {
        return edit(view -> view.journal().undo().orElse(null), false);
    }

    public CompletableFuture<LabelEdit> redo() {
        return edit(view -> view.journal().redo().orElse(null), false);
    }

    public void exportCleaned(Path out) {
        LabelView view = app.dataset();
        if (view == null) {
            return;
        }
        ProgressTask<Void> task = app.tasks().submit("Exporting cleaned " + view.dataset().name(), progress -> {
            CleanedDatasetExporter.export(view, out, progress);
            return null;
        });
        task.setOnSucceeded(e -> app.events().publish(new AppEvents.Notice("Exported the cleaned dataset to " + out)));
        task.setOnFailed(e -> app.reportFailure("Export failed", task.getException()));
    }

    public void generateMislabelled(MislabelSettings settings) {
        ProgressTask<MislabelGenerator.Plan> task = app.tasks().submit("Generating " + settings.out().getFileName(),
                progress -> {
                    Dataset mnist = DatasetLoader.load("mnist", progress);
                    return MislabelGenerator.generate(mnist, settings.flips(), settings.seed(), settings.out(),
                            progress);
                });
        task.setOnSucceeded(e -> {
            app.events().publish(new AppEvents.Notice("Wrote " + settings.out() + " with "
                    + settings.flips() + " changed labels; opening it"));
            openFolder(settings.out());
        });
        task.setOnFailed(e -> app.reportFailure("Cannot generate " + settings.out(), task.getException()));
    }

    public Path suggestedMislabelledFolder() {
        return DatasetLoader.resolve("mnist").toAbsolutePath().normalize().resolveSibling("mnist_png_mislabelled");
    }

    public Path suggestedExportFolder() {
        LabelView view = app.dataset();
        Path source = view == null ? Path.of("data", "dataset") : view.dataset().source().toAbsolutePath().normalize();
        return source.resolveSibling(source.getFileName() + "_cleaned");
    }

    // ---- internals

    private CompletableFuture<LabelEdit> edit(java.util.function.Function<LabelView, LabelEdit> action,
                                              boolean advance) {
        if (app.dataset() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return app.editLabels(action).thenApply(edit -> {
            afterEdit(edit, advance);
            return edit;
        });
    }

    private void afterEdit(LabelEdit edit, boolean advance) {
        if (edit == null) {
            return;
        }
        boolean here = edit.changesImage() && edit.splitValue() == split.get();
        boolean stillShown = here && items.contains(edit.index());
        if (!advance && stillShown) {
            select(edit.index());
        } else if (advance && advanceAfterEdit.get() && stillShown && selected.get() == edit.index()) {
            moveSelection(1);
        } else {
            updateSelection();
        }
    }

    private void refreshAfterLabelChange() {
        revision.set(revision.get() + 1);
        boolean filtered = classFilter.get() >= 0 || editFilter.get() != EditFilter.ALL;
        if (filtered) {
            refilter(false);
        }
        updateCounts();
        updateUndoState();
    }

    private void onDatasetChanged(LabelView view) {
        thumbnails.clear();
        classNames.setAll(view == null ? List.of() : view.dataset().classes());
        List<String> found = new ArrayList<>();
        if (view != null) {
            view.dataset().problems().stream().map(LoadProblem::toString).forEach(found::add);
            found.addAll(view.journal().warnings());
        }
        problems.setAll(found);
        selected.set(-1);
        if (classFilter.get() >= classNames.size()) {
            classFilter.set(-1);
        }
        refilter(true);
        updateCounts();
        updateUndoState();
        revision.set(revision.get() + 1);
    }

    private void refilter(boolean keepSelectionOrFirst) {
        LabelView view = app.dataset();
        if (view == null) {
            items.clear();
            updateSelection();
            return;
        }
        Split s = split.get();
        ImageSet images = view.dataset().split(s);
        int wantedClass = classFilter.get();
        EditFilter filter = editFilter.get();
        List<Integer> shown = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            if (wantedClass >= 0 && view.label(s, i) != wantedClass) {
                continue;
            }
            boolean keep = switch (filter) {
                case ALL -> true;
                case EDITED -> view.isEdited(s, i);
                case RELABELLED -> view.isRelabelled(s, i);
                case EXCLUDED -> view.isExcluded(s, i);
                case UNEDITED -> !view.isEdited(s, i);
            };
            if (keep) {
                shown.add(i);
            }
        }
        int previous = selected.get();
        int previousPosition = items.indexOf(previous);
        items.setAll(shown);
        if (items.contains(previous)) {
            updateSelection();
        } else if (!items.isEmpty() && (keepSelectionOrFirst || previousPosition >= 0)) {
            int position = keepSelectionOrFirst ? 0 : Math.min(Math.max(previousPosition, 0), items.size() - 1);
            select(items.get(position));
        } else {
            select(items.isEmpty() ? -1 : items.get(0));
        }
        updateSummary();
    }

    private void updateCounts() {
        LabelView view = app.dataset();
        if (view == null) {
            classCounts.clear();
            return;
        }
        Split s = split.get();
        int[] counts = view.countPerClass(s);
        int[] edited = new int[counts.length];
        ImageSet images = view.dataset().split(s);
        for (int i = 0; i < images.size(); i++) {
            if (view.isEdited(s, i)) {
                edited[view.label(s, i)]++;
            }
        }
        List<ClassCount> rows = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            rows.add(new ClassCount(c, view.dataset().className(c), counts[c], edited[c]));
        }
        classCounts.setAll(rows);
        updateSummary();
    }

    private void updateSummary() {
        LabelView view = app.dataset();
        if (view == null) {
            summary.set("");
            return;
        }
        summary.set(String.format("%,d of %,d %s images shown · %d edits in effect", items.size(),
                view.dataset().split(split.get()).size(), split.get() == Split.TRAIN ? "training" : "test",
                view.journal().activeEdits()));
    }

    private void updateUndoState() {
        LabelView view = app.dataset();
        canUndo.set(view != null && view.journal().canUndo());
        canRedo.set(view != null && view.journal().canRedo());
    }

    private void updateSelection() {
        LabelView view = app.dataset();
        int index = selected.get();
        if (view == null || index < 0) {
            selectionTitle.set(view == null ? "No dataset open" : "No image selected");
            selectionDetails.set("");
            selectionImage.set(null);
            selectionExcluded.set(false);
            return;
        }
        Split s = split.get();
        Dataset dataset = view.dataset();
        selectionTitle.set(String.format("%s image %,d", s == Split.TRAIN ? "Training" : "Test", index));
        StringBuilder details = new StringBuilder();
        int label = view.label(s, index);
        details.append("Label: ").append(dataset.className(label)).append(" (").append(label).append(")");
        if (view.isRelabelled(s, index)) {
            int original = view.originalLabel(s, index);
            details.append("\nRelabelled from: ").append(dataset.className(original)).append(" (")
                    .append(original).append(")");
        }
        if (view.isExcluded(s, index)) {
            details.append("\nExcluded from training and evaluation");
        }
        Optional.ofNullable(dataset.split(s).file(index))
                .ifPresent(file -> details.append("\nFile: ").append(file));
        selectionDetails.set(details.toString());
        ImageSet images = dataset.split(s);
        int scale = Math.max(1, 280 / Math.max(images.width(), images.height()));
        selectionImage.set(ThumbnailCache.toSharpImage(images, index, scale));
        selectionExcluded.set(view.isExcluded(s, index));
    }
}
