package atelier.ui.study;

/** A study in the Studies tab's list: its name, which sheet it is, and how far it got. */
public record StudyRow(String name, String sheet, long finished, int steps, String damage) {

    @Override
    public String toString() {
        return damage != null ? name + " (damaged)" : String.format("%s%n%s · %d of %d steps finished", name, sheet,
                finished, steps);
    }
}
