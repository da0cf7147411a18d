package atelier.ui.study;

/** One step of the selected study in the results table: status, its run, and the best epoch when it trained. */
public record ResultRow(String step, String kind, String status, String run, String bestEpoch, String testAccuracy,
                        String note) {
}
