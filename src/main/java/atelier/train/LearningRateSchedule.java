package atelier.train;

import java.util.Locale;

/**
 * How a run's learning rate moves over its steps, as PyTorch's schedulers move it:
 * <ul>
 *   <li>{@code step}: StepLR with step size 1, stepped after every epoch: epoch e (from 1) trains at
 *       lr·γ^(e−1). The pytorch/examples recipe.</li>
 *   <li>{@code cosine}: CosineAnnealingLR stepped after every batch, with T_max the run's number of steps and
 *       eta_min 0: step t (from 0) of T trains at lr·(1 + cos(π·t/T))/2.</li>
 *   <li>{@code onecycle}: OneCycleLR's learning rate with its defaults (pct_start 0.3, cosine annealing,
 *       div_factor 25, final_div_factor 10⁴), lr being max_lr: it rises from lr/25 to lr over the first 30% of
 *       the steps and falls to lr/(25·10⁴) by the last. Momentum is not cycled (cycle_momentum=False).</li>
 * </ul>
 * The cosine and one-cycle curves are laid over the run's whole length, so they end with its last step, and the rate
 * of a step follows from its index alone: a resumed run continues on the same curve.
 */
public enum LearningRateSchedule {
    STEP("step", "step (×γ)"),
    COSINE("cosine", "cosine to 0"),
    ONE_CYCLE("onecycle", "one cycle");

    private static final double ONE_CYCLE_WARM_UP = 0.3;
    private static final double ONE_CYCLE_DIVISOR = 25;
    private static final double ONE_CYCLE_FINAL_DIVISOR = 1e4;

    private final String text;
    private final String description;

    LearningRateSchedule(String text, String description) {
        this.text = text;
        this.description = description;
    }

    /** The name in run specs and on the command line. */
    public String text() {
        return text;
    }

    /** The schedule as a menu shows it, in a few words. */
    public String description() {
        return description;
    }

    /** The schedule named {@code text} (null or blank: step); refuses unknown names with the accepted ones. */
    public static LearningRateSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            return STEP;
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (LearningRateSchedule schedule : values()) {
            if (schedule.text.equals(wanted)) {
                return schedule;
            }
        }
        throw new IllegalArgumentException("learning-rate schedule '" + text + "' is not one of step, cosine, "
                + "onecycle");
    }

    /**
     * The learning rate of one training step.
     *
     * @param learningRate the run's learning rate (the peak of a one-cycle run)
     * @param gamma        the factor per epoch of the step schedule; unused by the others
     * @param epoch        the step's epoch, from 1
     * @param step         the step's index in the whole run, from 0
     * @param totalSteps   the run's number of steps, all epochs together
     */
    public double rate(double learningRate, double gamma, int epoch, long step, long totalSteps) {
        return switch (this) {
            case STEP -> learningRate * Math.pow(gamma, epoch - 1);
            case COSINE -> learningRate * (1 + Math.cos(Math.PI * Math.min(step, totalSteps) / totalSteps)) / 2;
            case ONE_CYCLE -> oneCycle(learningRate, step, totalSteps);
        };
    }

    private static double oneCycle(double peak, long step, long totalSteps) {
        double initial = peak / ONE_CYCLE_DIVISOR;
        double end = initial / ONE_CYCLE_FINAL_DIVISOR;
        // PyTorch's phase ends: step pct_start·T − 1 reaches the peak, step T − 1 the end
        double peakStep = ONE_CYCLE_WARM_UP * totalSteps - 1;
        double lastStep = totalSteps - 1;
        if (step <= peakStep) {
            return annealed(initial, peak, peakStep <= 0 ? 1 : step / peakStep);
        }
        return annealed(peak, end, Math.min(1, (step - peakStep) / Math.max(lastStep - peakStep, 1e-9)));
    }

    /** From {@code start} at 0 to {@code end} at 1 along half a cosine (PyTorch's _annealing_cos). */
    private static double annealed(double start, double end, double fraction) {
        return end + (start - end) / 2 * (Math.cos(Math.PI * fraction) + 1);
    }
}
