package atelier.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a label journal. {@code relabel}, {@code exclude} and {@code restore} change an image;
 * {@code undo} and {@code redo} step through those changes. {@code previous} records the state before the change
 * (the earlier label override, or 1/0 for excluded before), so that undo needs no history search.
 *
 * @param seq   position in the journal, from 1
 * @param time  ISO-8601 instant of the edit
 * @param file    the image file, for image-folder datasets: lets a reader check the journal against the folder
 * @param target  for undo and redo: the seq of the edit they take back or apply again, so that a replay does
 *                what the writer did even when another process wrote in between
 * @param dataset the dataset's folder when the edit was made: a hint for people and for finding a journal after
 *                the folder moved (journals are found by the dataset's content, see {@code Workspace})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelEdit(long seq, String time, String op, String split, Integer index, Integer label,
                        Integer previous, String file, Long target, String dataset) {

    public LabelEdit(long seq, String time, String op, String split, Integer index, Integer label,
                     Integer previous, String file) {
        this(seq, time, op, split, index, label, previous, file, null, null);
    }

    public static final String RELABEL = "relabel";
    public static final String EXCLUDE = "exclude";
    public static final String RESTORE = "restore";
    public static final String UNDO = "undo";
    public static final String REDO = "redo";

    public Split splitValue() {
        return split == null ? null : Split.parse(split);
    }

    public boolean changesImage() {
        return RELABEL.equals(op) || EXCLUDE.equals(op) || RESTORE.equals(op);
    }
}
