package atelier.ui.training;

import atelier.train.RunRecord;
import atelier.train.RunSpec;
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

    /** Training time of the epochs it has (pauses not counted), as 42 s, 3 min 5 s or 1 h 2 min. */
    public String duration() {
        if (record == null || record.epochs().isEmpty()) {
            return "";
        }
        long s = Math.round(record.epochs().stream().mapToDouble(e -> e.seconds()).sum());
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s"
                : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /** When it was started, in local time (yyyy-MM-dd HH:mm). */
    public String date() {
        if (record == null || record.created() == null) {
            return "";
        }
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(
                    java.time.Instant.parse(record.created()).atZone(java.time.ZoneId.systemDefault()));
        } catch (java.time.format.DateTimeParseException e) {
            return record.created();
        }
    }

    public String optimizer() {
        return record == null ? "" : record.spec().optimizer();
    }

    public String learningRate() {
        if (record == null) {
            return "";
        }
        RunSpec spec = record.spec();
        return switch (spec.learningRateSchedule()) {
            case STEP -> String.format("%.3g (γ %.2g)", spec.learningRate(), spec.gamma());
            case COSINE -> String.format("%.3g (cosine)", spec.learningRate());
            case ONE_CYCLE -> String.format("%.3g (one cycle)", spec.learningRate());
        };
    }

    public String batch() {
        return record == null ? "" : Integer.toString(record.spec().batchSize());
    }

    /** The training images it saw (the subset, the journal's exclusions taken out). */
    public String images() {
        if (record == null) {
            return "";
        }
        return record.data() != null ? String.format("%,d", record.data().trainImages())
                : record.spec().limitTrain() > 0 ? String.format("%,d", record.spec().limitTrain()) : "all";
    }

    /** Epochs done of those asked for. */
    public String epochs() {
        return record == null ? "" : record.epochs().size() + " / " + record.spec().epochs();
    }

    public String best() {
        if (record == null || record.bestEpoch() == 0) {
            return "";
        }
        return String.format("%.2f%% (epoch %d)", 100 * record.bestTestAccuracy(), record.bestEpoch());
    }
}
