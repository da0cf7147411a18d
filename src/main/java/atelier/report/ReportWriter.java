package atelier.report;

import atelier.data.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a study's report in a folder: every figure slot drawn by its provider into {@code figures/} (or listed as
 * missing, with the reason), then {@code report.html} and {@code report.pdf} from the same XHTML, each written
 * atomically so that a reader never sees half a report.
 */
public final class ReportWriter {
    public static final String HTML = "report.html";
    public static final String PDF = "report.pdf";
    public static final String FIGURES = "figures.json";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    private final Figures figures;

    public ReportWriter(Figures figures) {
        this.figures = figures;
    }

    /** The report's files, and what became of each figure. */
    public record Written(Path html, Path pdf, List<FigureOutcome> figures) {
        public List<FigureOutcome> missing() {
            return figures.stream().filter(FigureOutcome::missing).toList();
        }
    }

    /**
     * @param studyFolder the study's folder, handed to providers (its analysis/ holds the study's computed results)
     * @param folder      where the report goes
     */
    public Written write(ReportContent content, Path studyFolder, Path folder) {
        try {
            Path figureFolder = folder.resolve("figures");
            Files.createDirectories(figureFolder);
            List<FigureOutcome> outcomes = new ArrayList<>();
            int number = 0;
            for (FigureSlot slot : content.figures()) {
                number++;
                outcomes.add(draw(slot, content, studyFolder, folder, figureFolder, number));
            }
            String html = HtmlReport.render(content, outcomes);
            Path htmlFile = folder.resolve(HTML);
            AtomicFiles.write(htmlFile, html.getBytes(StandardCharsets.UTF_8));
            Path pdfFile = folder.resolve(PDF);
            AtomicFiles.write(pdfFile, PdfReport.render(html, folder));
            // what became of each slot, for the app, which shows the figures without parsing the HTML
            AtomicFiles.write(folder.resolve(FIGURES), JSON.writeValueAsBytes(outcomes));
            return new Written(htmlFile, pdfFile, outcomes);
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": the report could not be written (" + e.getMessage() + ")", e);
        }
    }

    /**
     * At most 150 mm wide and 125 mm high, keeping the image's proportions, so that two figures with their
     * captions share an A4 page. (The PDF renderer does not keep proportions when given a width alone.)
     */
    private static String printedSize(Path image) throws IOException {
        java.awt.image.BufferedImage pixels = javax.imageio.ImageIO.read(image.toFile());
        if (pixels == null) {
            throw new IOException(image.getFileName() + " is not an image the report can read");
        }
        double ratio = (double) pixels.getHeight() / pixels.getWidth();
        double width = Math.min(150, 125 / ratio);
        return String.format(Locale.ROOT, "width: %.0fmm; height: %.0fmm", width, width * ratio);
    }

    private FigureOutcome draw(FigureSlot slot, ReportContent content, Path studyFolder, Path folder,
                               Path figureFolder, int number) {
        var provider = figures.find(slot.name());
        if (provider.isEmpty()) {
            return FigureOutcome.missing(slot, slot.whenAbsent() != null ? slot.whenAbsent()
                    : "this build has no figure named \"" + slot.name() + "\"");
        }
        List<ReportRun> runs = new ArrayList<>();
        for (String step : slot.steps()) {
            content.runs().stream().filter(run -> run.step().equals(step)).findFirst().ifPresent(runs::add);
        }
        String fileName = String.format(Locale.ROOT, "%02d-%s%s.png", number, slot.name(),
                slot.option() == null ? "" : "-" + slot.option().replaceAll("[^A-Za-z0-9]+", "-"));
        Path image = figureFolder.resolve(fileName);
        try {
            Files.deleteIfExists(image);
            String caption = provider.get().draw(new FigureRequest(slot, runs, studyFolder, image));
            if (!Files.isRegularFile(image)) {
                return FigureOutcome.missing(slot, "its provider wrote no image");
            }
            return FigureOutcome.drawn(slot, folder.relativize(image).toString().replace('\\', '/'), caption,
                    printedSize(image));
        } catch (Exception | LinkageError e) {
            LOG.warn("figure {} failed", slot.name(), e);
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            return FigureOutcome.missing(slot, "could not be drawn: " + reason);
        }
    }
}
