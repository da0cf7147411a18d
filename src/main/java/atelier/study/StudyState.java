package atelier.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.Map;

/** A study's progress, in {@code state.json}: each step's state by key, rewritten atomically after every change. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StudyState(Map<String, StepState> steps, String updated) {

    public StudyState {
        steps = steps == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    public static StudyState fresh(StudyPlan plan) {
        Map<String, StepState> steps = new LinkedHashMap<>();
        plan.steps().forEach(step -> steps.put(step.key(), StepState.pending()));
        return new StudyState(steps, java.time.Instant.now().toString());
    }

    public StepState step(String key) {
        return steps.getOrDefault(key, StepState.pending());
    }

    public StudyState with(String key, StepState state) {
        Map<String, StepState> copy = new LinkedHashMap<>(steps);
        copy.put(key, state);
        return new StudyState(copy, java.time.Instant.now().toString());
    }

    public long finished() {
        return steps.values().stream().filter(s -> s.status().isFinal()).count();
    }
}
