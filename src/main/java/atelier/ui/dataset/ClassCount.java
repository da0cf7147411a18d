package atelier.ui.dataset;

/** A row of the per-class table: images of a class now (after edits, without excluded ones), and how many changed. */
public record ClassCount(int label, String name, int count, int edited) {
}
