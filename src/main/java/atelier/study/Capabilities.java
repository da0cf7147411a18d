package atelier.study;

/**
 * What this build can do that a study may need. A step that requires a missing capability is skipped, and the
 * report says so, instead of quietly training something else under its name.
 */
public final class Capabilities {
    /**
     * {@code RunSpec.augmentation} is recorded but not applied by the training loop until the augmentation issue
     * (11) is merged; an "augmentation" run would repeat the baseline. Set this to true in that merge (or run with
     * {@code -Datelier.study.augmentation=true} to try a build where it is).
     */
    static final boolean AUGMENTATION_APPLIED = false;

    public static final String AUGMENTATION = "augmentation";

    private Capabilities() {
    }

    /** Why this build cannot do {@code capability}, or null when it can. */
    public static String missing(String capability) {
        if (capability == null) {
            return null;
        }
        if (AUGMENTATION.equals(capability)) {
            return AUGMENTATION_APPLIED || Boolean.getBoolean("atelier.study.augmentation") ? null
                    : "not run: this build records the augmentation recipe but does not apply it (issue 11 has not "
                    + "landed), so this run would repeat the baseline";
        }
        return "not run: this build lacks \"" + capability + "\"";
    }
}
