package atelier.ui.training;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A colour for each run drawn, kept for as long as the app runs, so that selecting another run does not repaint
 * the ones already on screen. Colours come from Okabe and Ito's palette, chosen to stay distinct for people with
 * colour-blindness; a run gets the first colour that no run drawn with it has.
 */
final class RunColours {
    private static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#000000", "#F0E442"};

    private final Map<Path, Integer> assigned = new HashMap<>();

    /** The colour of {@code run}; {@code shownWith} are the runs drawn beside it. */
    String of(Path run, Collection<Path> shownWith) {
        Integer kept = assigned.get(run);
        boolean clash = kept != null && shownWith.stream()
                .anyMatch(other -> !other.equals(run) && kept.equals(assigned.get(other)));
        if (kept != null && !clash) {
            return PALETTE[kept];
        }
        int index = firstFree(run, shownWith);
        assigned.put(run, index);
        return PALETTE[index];
    }

    private int firstFree(Path run, Collection<Path> shownWith) {
        for (int i = 0; i < PALETTE.length; i++) {
            int candidate = i;
            if (shownWith.stream().noneMatch(other -> !other.equals(run)
                    && Integer.valueOf(candidate).equals(assigned.get(other)))) {
                return i;
            }
        }
        return Math.floorMod(run.hashCode(), PALETTE.length);
    }
}
