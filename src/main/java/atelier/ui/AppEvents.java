package atelier.ui;

import atelier.data.LabelEdit;
import atelier.data.LabelView;

/** The events tabs exchange through the {@link EventBus}. */
public final class AppEvents {
    private AppEvents() {
    }

    /** A dataset finished loading and is now the current one. */
    public record DatasetOpened(LabelView dataset) {
    }

    /** Labels of the current dataset changed: an edit, an undo or a redo. */
    public record LabelsChanged(LabelEdit edit) {
    }

    /** A tab asks the Training tab to train {@code spec} on the current dataset (and show it live there). */
    public record TrainingRequested(atelier.train.RunSpec spec) {
    }

    /**
     * A tab asks the Architecture tab to show {@code layers} in its custom editor (the Search tab's "Open in
     * Architecture"); {@code origin} says where they come from, for the notice.
     */
    public record CustomLayersRequested(java.util.List<atelier.model.LayerSpec> layers, String origin) {
    }

    /** A run the Training tab started has ended (completed, cancelled, diverged or failed). */
    public record RunEnded(atelier.train.RunRecord record) {
    }

    /** A tab asks the Diagnosis tab to show how run {@code run} gets class {@code classIndex} wrong. */
    public record ClassRequested(java.nio.file.Path run, int classIndex) {
    }

    /** Something went wrong that the user must hear about; the app goes on. */
    public record Failure(String title, String message) {
    }

    /** Something finished that the user may want to know about, shown without blocking. */
    public record Notice(String message) {
    }
}
