package atelier.ui.study;

import java.nio.file.Path;

/** A figure of the selected study's report: its image and caption, or why it is missing. */
public record FigureItem(String title, Path image, String caption, String missingReason) {

    public boolean missing() {
        return image == null;
    }
}
