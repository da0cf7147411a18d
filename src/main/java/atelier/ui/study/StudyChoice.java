package atelier.ui.study;

import atelier.study.Sheets;

/** What a new study is: one of the exercise sheets, or the runs the user picks. */
public enum StudyChoice {
    FASHION(Sheets.FASHION, "Exercise sheet 1: Fashion-MNIST"),
    ARCHITECTURES(Sheets.ARCHITECTURES, "Exercise sheet 2: architectures"),
    RUNS(Sheets.CUSTOM, "Compare runs I pick");

    private final String sheet;
    private final String label;

    StudyChoice(String sheet, String label) {
        this.sheet = sheet;
        this.label = label;
    }

    public String sheet() {
        return sheet;
    }

    @Override
    public String toString() {
        return label;
    }
}
