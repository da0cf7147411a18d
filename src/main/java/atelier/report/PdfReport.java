package atelier.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Lays the report's XHTML out as PDF pages with openhtmltopdf (on Apache PDFBox), headless, images read from the
 * report folder. A TrueType font is embedded where the system has DejaVu Sans, so that every character of the HTML
 * prints; without it the PDF falls back to PDF's standard fonts.
 */
final class PdfReport {
    private static final List<String> FONT_FOLDERS = List.of("/usr/share/fonts/truetype/dejavu",
            "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF", "/Library/Fonts", "C:\\Windows\\Fonts");

    static {
        // openhtmltopdf logs every page it lays out through java.util.logging, on stderr, where the CLI keeps
        // progress lines only; problems still reach the caller as exceptions
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    }

    private PdfReport() {
    }

    static byte[] render(String xhtml, Path baseFolder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        embedFonts(builder);
        builder.withHtmlContent(xhtml, baseFolder.toAbsolutePath().toUri().toString());
        builder.toStream(out);
        builder.run();
        return out.toByteArray();
    }

    private static void embedFonts(PdfRendererBuilder builder) {
        for (String folder : FONT_FOLDERS) {
            File regular = new File(folder, "DejaVuSans.ttf");
            File bold = new File(folder, "DejaVuSans-Bold.ttf");
            if (regular.isFile()) {
                builder.useFont(regular, "DejaVu Sans", 400, BaseRendererBuilder.FontStyle.NORMAL, true);
                if (bold.isFile()) {
                    builder.useFont(bold, "DejaVu Sans", 700, BaseRendererBuilder.FontStyle.NORMAL, true);
                }
                File mono = new File(folder, "DejaVuSansMono.ttf");
                if (mono.isFile()) {
                    builder.useFont(mono, "monospace", 400, BaseRendererBuilder.FontStyle.NORMAL, true);
                }
                return;
            }
        }
    }
}
