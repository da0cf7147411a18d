package atelier.data;

/**
 * A dataset as its label journal edits it: the label each image has now and whether it is excluded. This is
 * what training, browsing and export see; the dataset itself stays as loaded.
 */
public final class LabelView {
    private final Dataset dataset;
    private final LabelJournal journal;

    public LabelView(Dataset dataset, LabelJournal journal) {
        this.dataset = dataset;
        this.journal = journal;
    }

    public Dataset dataset() {
        return dataset;
    }

    public LabelJournal journal() {
        return journal;
    }

    public int label(Split split, int index) {
        Integer edited = journal.labelOverride(split, index);
        return edited != null ? edited : dataset.split(split).label(index);
    }

    public int originalLabel(Split split, int index) {
        return dataset.split(split).label(index);
    }

    /** True when the image's label differs from the dataset's. */
    public boolean isRelabelled(Split split, int index) {
        Integer edited = journal.labelOverride(split, index);
        return edited != null && edited != dataset.split(split).label(index);
    }

    public boolean isExcluded(Split split, int index) {
        return journal.isExcluded(split, index);
    }

    public boolean isEdited(Split split, int index) {
        return isRelabelled(split, index) || isExcluded(split, index);
    }

    public LabelEdit relabel(Split split, int index, int label) {
        if (label < 0 || label >= dataset.classCount()) {
            throw new IllegalArgumentException("label " + label + " is not a class of " + dataset.name()
                    + " (0 to " + (dataset.classCount() - 1) + ")");
        }
        return journal.relabel(split, index, label, fileOf(split, index));
    }

    public LabelEdit exclude(Split split, int index) {
        return journal.exclude(split, index, fileOf(split, index));
    }

    public LabelEdit restore(Split split, int index) {
        return journal.restore(split, index, fileOf(split, index));
    }

    /** Images per class after edits, excluded images not counted. */
    public int[] countPerClass(Split split) {
        int[] counts = new int[dataset.classCount()];
        ImageSet images = dataset.split(split);
        for (int i = 0; i < images.size(); i++) {
            if (!isExcluded(split, i)) {
                counts[label(split, i)]++;
            }
        }
        return counts;
    }

    private String fileOf(Split split, int index) {
        ImageSet images = dataset.split(split);
        if (index < 0 || index >= images.size()) {
            throw new IllegalArgumentException("image " + index + " does not exist: the " + split.key()
                    + " split of " + dataset.name() + " has " + images.size() + " images");
        }
        return images.hasFiles() ? images.file(index).toString() : null;
    }
}
