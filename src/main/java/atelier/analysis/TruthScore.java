package atelier.analysis;

import atelier.data.MislabelGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scores a label-error ranking against the truth file that {@code data mislabel} writes beside a generated
 * dataset. Only this class reads truth files, and only to score: no detector may use it.
 */
public final class TruthScore {
    private final Set<Integer> flipped;

    private TruthScore(Set<Integer> flipped) {
        this.flipped = flipped;
    }

    /** The truth beside {@code datasetFolder}, if it is a generated dataset. */
    public static Optional<TruthScore> besides(Path datasetFolder) {
        Path truth = MislabelGenerator.truthFile(datasetFolder);
        if (!Files.isRegularFile(truth)) {
            return Optional.empty();
        }
        try {
            Set<Integer> indices = new HashSet<>();
            List<String> lines = Files.readAllLines(truth);
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    indices.add(Integer.parseInt(line.substring(0, line.indexOf(','))));
                }
            }
            return Optional.of(new TruthScore(indices));
        } catch (IOException e) {
            throw new UncheckedIOException(truth + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(truth + ": not a truth file of index,original,given rows", e);
        }
    }

    public int flippedCount() {
        return flipped.size();
    }

    /** Share of the first {@code k} indices that really were flipped, and share of all flips among them. */
    public record PrecisionRecall(int k, int hits, double precision, double recall) {
    }

    public PrecisionRecall at(List<Integer> ranked, int k) {
        int n = Math.min(k, ranked.size());
        int hits = 0;
        for (int i = 0; i < n; i++) {
            hits += flipped.contains(ranked.get(i)) ? 1 : 0;
        }
        return new PrecisionRecall(n, hits, n == 0 ? 0 : (double) hits / n,
                flipped.isEmpty() ? 0 : (double) hits / flipped.size());
    }

    /** Precision and recall of a set (the flagged images, or the removed ones). */
    public PrecisionRecall of(Set<Integer> chosen) {
        int hits = (int) chosen.stream().filter(flipped::contains).count();
        return new PrecisionRecall(chosen.size(), hits, chosen.isEmpty() ? 0 : (double) hits / chosen.size(),
                flipped.isEmpty() ? 0 : (double) hits / flipped.size());
    }
}
