package atelier.ui.training;

import atelier.train.RunRecord;
import atelier.train.RunStore;
import java.nio.file.Path;

/** A run as the runs table lists it; damaged runs have no record and say why. */
public record RunRow(Path folder, RunRecord record, String damage) {

    public static RunRow of(RunStore.Entry entry) {
        return new RunRow(entry.folder(), entry.record(), entry.damage());
    }

    public String name() {
        if (record == null) {
            return folder.getFileName().toString();
        }
        return record.spec().name() != null ? record.spec().name() : record.id();
    }

    public String dataset() {
        return record == null ? "" : record.data() != null ? record.data().name() : record.spec().dataset();
    }

    public String architecture() {
        return record == null ? "" : record.spec().architecture();
    }

    /** The run's augmentation pipeline, as its spec records it ("none" without). */
    public String augmentation() {
        return record == null ? "" : record.spec().augmentation();
    }

    public String status() {
        return record == null ? "damaged: " + damage : record.status().name().toLowerCase();
    }

    /** Whether this run was trained on the dataset that {@code view} shows (its journal may have moved on). */
    public boolean trainedOn(atelier.data.LabelView view) {
        String recorded = record != null && record.data() != null ? record.data().source() : null;
        return recorded != null && view.dataset().source().toAbsolutePath().normalize().toString().equals(recorded);
    }

    public String best() {
        if (record == null || record.bestEpoch() == 0) {
            return "";
        }
        return String.format("%.2f%% (epoch %d)", 100 * record.bestTestAccuracy(), record.bestEpoch());
    }
}
