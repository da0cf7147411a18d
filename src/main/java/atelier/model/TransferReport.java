package atelier.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What initialising from another network did: which layers got their weights from it and which kept their fresh
 * ones, and why.
 *
 * @param source   what the weights came from (a file name, "ImageNet VGG16")
 * @param matching how layers were paired: by name when the two networks share layer names, otherwise by the
 *                 order of their layers with parameters
 */
public record TransferReport(String source, Matching matching, List<Copied> copied, List<Left> left) {

    public enum Matching { BY_NAME, BY_POSITION }

    /** @param from the source layer's name; @param note how the weights were adapted, or "" if copied as they are */
    public record Copied(String layer, String from, String note) {
    }

    public record Left(String layer, String reason) {
    }

    public TransferReport {
        copied = List.copyOf(copied);
        left = List.copyOf(left);
    }

    public List<String> copiedLayers() {
        return copied.stream().map(Copied::layer).toList();
    }

    public List<String> leftLayers() {
        return left.stream().map(Left::layer).toList();
    }

    /** "copied 4 layers from run-3.zip (conv1, ...); left 3 with their fresh weights (bn1: not in ..., ...)". */
    public String summary() {
        String copiedText = copied.isEmpty() ? "copied no layers from " + source
                : "copied " + copied.size() + " layer" + (copied.size() == 1 ? "" : "s") + " from " + source + " ("
                + copied.stream().map(c -> c.layer() + (c.note().isEmpty() ? "" : ", " + c.note()))
                .collect(Collectors.joining("; ")) + ")";
        if (left.isEmpty()) {
            return copiedText;
        }
        return copiedText + "; left " + left.size() + " with fresh weights ("
                + left.stream().map(l -> l.layer() + ": " + l.reason()).collect(Collectors.joining("; ")) + ")";
    }
}
