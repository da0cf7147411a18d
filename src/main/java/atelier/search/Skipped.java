package atelier.search;

/** A point of the space that was never trained, and why (pooling below 1x1, too many parameters). */
public record Skipped(int sample, SearchPoint point, String layers, String reason) {
}
