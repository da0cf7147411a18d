package atelier.report;

import atelier.train.RunRecord;
import java.nio.file.Path;

/**
 * One of a study's runs as the report sees it: the step it belongs to, the label its curves carry in legends, its
 * folder (best.zip, last.zip, iterations.csv) and its record.
 */
public record ReportRun(String step, String label, Path folder, RunRecord record) {
}
