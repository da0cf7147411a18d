package atelier.report;

import java.util.List;

/** A numbered table of the report: its caption, column headers, rows of cell text, and notes under it. */
public record ReportTable(String caption, List<String> header, List<List<String>> rows, List<String> notes) {

    public ReportTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
