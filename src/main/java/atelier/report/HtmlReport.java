package atelier.report;

import java.util.List;

/**
 * Writes a report as XHTML: the page a browser shows and, unchanged, what {@link PdfReport} lays out, so that the
 * HTML and the PDF always say the same. Well-formed XML throughout (the PDF renderer parses it as XML).
 */
final class HtmlReport {
    private static final String STYLE = """
            @page { size: A4; margin: 16mm 14mm 18mm 14mm;
              @bottom-center { content: "page " counter(page) " of " counter(pages); font-family: 'DejaVu Sans', sans-serif;
                font-size: 8pt; color: #666; } }
            body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111;
              max-width: 60em; margin: 0 auto; }
            h1 { font-size: 17pt; margin: 0 0 4pt 0; } h2 { font-size: 12.5pt; margin: 16pt 0 5pt 0;
              border-bottom: 1px solid #bbb; } h3 { font-size: 10.5pt; margin: 10pt 0 3pt 0; }
            table { border-collapse: collapse; margin: 4pt 0 2pt 0; font-size: 8.5pt; -fs-table-paginate: paginate; }
            table.wide { font-size: 7.5pt; }
            th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
            th { background: #eef1f5; } td.n { text-align: right; }
            caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 3pt; }
            .note { font-size: 8.5pt; color: #333; margin: 1pt 0; }
            figure, div.figure { margin: 8pt 0 10pt 0; page-break-inside: avoid; }
            img { max-width: 100%; }
            .caption { font-size: 9pt; margin-top: 3pt; } .missing { border: 1px dashed #b00; padding: 5pt 7pt;
              background: #fff6f6; margin: 6pt 0; page-break-inside: avoid; }
            pre { font-size: 7.5pt; background: #f6f6f6; padding: 4pt; white-space: pre-wrap; word-wrap: break-word; }
            """;

    private HtmlReport() {
    }

    static String render(ReportContent content, List<FigureOutcome> figures) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>").append(escape(content.title())).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        html.append("<h1>").append(escape(content.title())).append("</h1>\n");
        content.introduction().forEach(p -> html.append("<p>").append(escape(p)).append("</p>\n"));

        html.append("<h2>Tables</h2>\n");
        int tableNumber = 0;
        for (ReportTable table : content.tables()) {
            tableNumber++;
            html.append(table.header().size() > 6 ? "<table class=\"wide\">" : "<table>").append("<caption>Table ").append(tableNumber).append(". ").append(escape(table.caption()))
                    .append("</caption><thead><tr>");
            table.header().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
            html.append("</tr></thead><tbody>\n");
            for (List<String> row : table.rows()) {
                html.append("<tr>");
                row.forEach(cell -> html.append(numeric(cell) ? "<td class=\"n\">" : "<td>").append(escape(cell))
                        .append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</tbody></table>\n");
            table.notes().forEach(n -> html.append("<p class=\"note\">").append(escape(n)).append("</p>\n"));
        }

        if (!content.findings().isEmpty()) {
            html.append("<h2>Findings</h2>\n");
            for (ReportContent.Finding finding : content.findings()) {
                html.append("<h3>").append(escape(finding.heading())).append("</h3><p>").append(escape(finding.text()))
                        .append("</p>\n");
            }
        }

        html.append("<h2>Figures</h2>\n");
        int figureNumber = 0;
        for (FigureOutcome figure : figures) {
            if (figure.missing()) {
                continue;
            }
            figureNumber++;
            html.append("<div class=\"figure\"><img src=\"").append(escape(figure.image())).append("\" style=\"")
                    .append(figure.size() == null ? "" : figure.size()).append("\" alt=\"")
                    .append(escape(figure.slot().title())).append("\"/><p class=\"caption\"><b>Figure ")
                    .append(figureNumber).append(".</b> ").append(escape(figure.caption())).append("</p></div>\n");
        }
        List<FigureOutcome> missing = figures.stream().filter(FigureOutcome::missing).toList();
        if (!missing.isEmpty()) {
            html.append("<h2>Missing figures</h2>\n<p>These figures belong in this report but could not be made:</p>\n");
            for (FigureOutcome figure : missing) {
                html.append("<p class=\"missing\"><b>").append(escape(figure.slot().title()))
                        .append(": not available</b> &#8212; ").append(escape(figure.missingReason())).append("</p>\n");
            }
        }

        if (!content.specs().isEmpty()) {
            html.append("<h2>What each run was asked to do</h2>\n<p>The full spec of every run, as recorded in its "
                    + "run.json; <code>atelier train</code> with these values repeats it.</p>\n");
            for (ReportContent.Spec spec : content.specs()) {
                html.append("<h3>").append(escape(spec.heading())).append("</h3><pre>").append(escape(spec.json()))
                        .append("</pre>\n");
            }
        }
        html.append("<h2>Environment</h2>\n<ul>\n");
        content.environment().forEach(line -> html.append("<li>").append(escape(line)).append("</li>\n"));
        html.append("</ul>\n</body></html>\n");
        return html.toString();
    }

    private static boolean numeric(String cell) {
        return cell != null && cell.matches("[-+]?[0-9][0-9,.]*([ \\u00a0]?%|[ \\u00a0]s| min)?");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
