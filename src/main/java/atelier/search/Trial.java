package atelier.search;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One design the search trains, with a segment for each rung it reached.
 *
 * @param sample     the index of its point in the quasi-random sequence
 * @param layers     its layer list's text form
 * @param parameters trainable parameters
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Trial(int id, int sample, SearchPoint point, String layers, long parameters, List<Segment> segments) {

    public Trial {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /** The last segment that completed: the trial's standing. */
    @JsonIgnore
    public Optional<Segment> latest() {
        Segment latest = null;
        for (Segment segment : segments) {
            if (segment.completed() && (latest == null || segment.rung() > latest.rung())) {
                latest = segment;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The highest rung completed, -1 before the first. */
    @JsonIgnore
    public int rung() {
        return latest().map(Segment::rung).orElse(-1);
    }

    @JsonIgnore
    public double validationAccuracy() {
        return latest().map(Segment::validationAccuracy).orElse(Double.NaN);
    }

    @JsonIgnore
    public double seconds() {
        return segments.stream().mapToDouble(Segment::seconds).sum();
    }

    @JsonIgnore
    public double imagesPerSecond() {
        return latest().map(Segment::imagesPerSecond).orElse(Double.NaN);
    }

    @JsonIgnore
    public Optional<Segment> runningSegment() {
        return segments.stream().filter(Segment::isRunning).findFirst();
    }

    @JsonIgnore
    public boolean failed() {
        return segments.stream().anyMatch(s -> Segment.FAILED.equals(s.status()));
    }

    /** Running, "rung 2", "failed at rung 1: ...", or "not started". */
    @JsonIgnore
    public String status() {
        Optional<Segment> running = runningSegment();
        if (running.isPresent()) {
            return "training to rung " + running.get().rung();
        }
        Optional<Segment> failure = segments.stream().filter(s -> Segment.FAILED.equals(s.status())).findFirst();
        if (failure.isPresent()) {
            return "failed at rung " + failure.get().rung() + ": " + failure.get().message();
        }
        return rung() < 0 ? "not started" : "rung " + rung();
    }

    /** This trial with {@code segment} in place of the one at its rung, or added. */
    public Trial with(Segment segment) {
        List<Segment> updated = new ArrayList<>();
        for (Segment existing : segments) {
            if (existing.rung() != segment.rung()) {
                updated.add(existing);
            }
        }
        updated.add(segment);
        updated.sort(java.util.Comparator.comparingInt(Segment::rung));
        return new Trial(id, sample, point, layers, parameters, updated);
    }

    /** Without segments that were under way when the search stopped: they are trained again. */
    public Trial withoutRunning() {
        return new Trial(id, sample, point, layers, parameters,
                segments.stream().filter(s -> !s.isRunning()).toList());
    }
}
