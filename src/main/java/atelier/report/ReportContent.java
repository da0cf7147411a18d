package atelier.report;

import java.util.List;

/**
 * Everything a study report says except its figures, which {@link ReportWriter} draws from the slots: the title,
 * an introduction, numbered tables, findings (results that are sentences, not numbers), what each run was asked to
 * do (its exact spec, so it can be reproduced) and the software it ran on.
 */
public record ReportContent(String title, List<String> introduction, List<ReportTable> tables,
                            List<Finding> findings, List<FigureSlot> figures, List<ReportRun> runs,
                            List<Spec> specs, List<String> environment) {

    public ReportContent {
        introduction = List.copyOf(introduction);
        tables = List.copyOf(tables);
        findings = List.copyOf(findings);
        figures = List.copyOf(figures);
        runs = List.copyOf(runs);
        specs = List.copyOf(specs);
        environment = List.copyOf(environment);
    }

    /** A result stated in words, under a heading ("VGG16 at 18x18"). */
    public record Finding(String heading, String text) {
    }

    /** A run's spec as JSON, under the step it belongs to. */
    public record Spec(String heading, String json) {
    }
}
