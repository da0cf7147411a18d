package atelier.model;

import java.util.List;

/**
 * Everything the Architecture tab shows for one architecture at one input size and class count.
 *
 * @param networkInput the size the network sees, after resizing
 * @param table        read from the built network; null when the input does not fit
 * @param check        the per-layer shape arithmetic, errors included
 * @param notes        the shape reasoning in sentences
 * @param refusal      why the input does not fit, or null when it fits
 */
public record ArchitectureDescription(String name, String title, InputShape input, InputShape networkInput,
                                      int classes, ParameterTable table, StackCheck check, List<String> notes,
                                      String refusal) {

    public ArchitectureDescription {
        notes = List.copyOf(notes);
    }

    public boolean fits() {
        return refusal == null;
    }
}
