package atelier.analysis.actmax;

/**
 * The parameters of one ascent. Regularizer strengths are in normalized input units and scaled for 28×28 grey
 * images: Lucid's defaults assume 224-pixel colour images (its 8-pixel jitter would be 29% of ours).
 *
 * @param steps           steps to take
 * @param start           where the images start
 * @param rule            plain ascent or Adam
 * @param stepSize        the step size (Adam: about the largest change of a pixel per step, in input units)
 * @param l2              decay towards black: the objective loses l2/2 · Σ (x − black)²
 * @param tv              total variation weight: the objective loses tv · Σ |∇x| (smoothed)
 * @param jitter          random shift of up to this many pixels before each gradient
 * @param rotation        random rotation of up to this many degrees before each gradient
 * @param scale           random scaling by up to this fraction before each gradient
 * @param blurEvery       a light blur every this many steps (0: never)
 * @param blurSigma       that blur's Gaussian σ in pixels
 * @param clip            keep every pixel in the range real pixels have (black to white)
 * @param seed            seeds jitter, rotation, scale and the noise start; the same seed gives the same image
 * @param reportEvery     score the images (activation, probabilities) every this many steps
 */
public record AscentSettings(int steps, StartImage start, StepRule rule, double stepSize, double l2, double tv,
                             int jitter, double rotation, double scale, int blurEvery, double blurSigma,
                             boolean clip, long seed, int reportEvery) {

    public AscentSettings {
        check(steps >= 0 && steps <= 100_000, "steps", steps, "0 to 100000");
        check(stepSize > 0 && Double.isFinite(stepSize), "step size", stepSize, "above 0");
        check(l2 >= 0 && Double.isFinite(l2), "l2", l2, "0 or more");
        check(tv >= 0 && Double.isFinite(tv), "tv", tv, "0 or more");
        check(jitter >= 0 && jitter <= 8, "jitter", jitter, "0 to 8 pixels");
        check(rotation >= 0 && rotation <= 45, "rotation", rotation, "0 to 45 degrees");
        check(scale >= 0 && scale <= 0.5, "scale", scale, "0 to 0.5");
        check(blurEvery >= 0, "blur every", blurEvery, "0 (never) or more");
        check(blurSigma >= 0 && blurSigma <= 3, "blur sigma", blurSigma, "0 to 3 pixels");
        check(reportEvery >= 1, "report every", reportEvery, "1 or more");
        if (start == null || rule == null) {
            throw new IllegalArgumentException("a start image and a step rule are needed");
        }
    }

    /** Settings that give recognizable Fashion-MNIST classes from an empty image in 200 steps. */
    public static AscentSettings defaults() {
        return new AscentSettings(200, StartImage.ZEROS, StepRule.ADAM, 0.1, 0.0005, 0.02, 1, 5, 0.05, 4, 0.5,
                true, 1, 5);
    }

    /** Everything off but the steps: plain gradient following, for tests of single regularizers. */
    public static AscentSettings bare(StepRule rule, double stepSize, int steps) {
        return new AscentSettings(steps, StartImage.ZEROS, rule, stepSize, 0, 0, 0, 0, 0, 0, 0, false, 1, 1);
    }

    public AscentSettings withSteps(int value) {
        return new AscentSettings(value, start, rule, stepSize, l2, tv, jitter, rotation, scale, blurEvery, blurSigma,
                clip, seed, reportEvery);
    }

    public AscentSettings withStart(StartImage value) {
        return new AscentSettings(steps, value, rule, stepSize, l2, tv, jitter, rotation, scale, blurEvery, blurSigma,
                clip, seed, reportEvery);
    }

    public AscentSettings withRule(StepRule value, double size) {
        return new AscentSettings(steps, start, value, size, l2, tv, jitter, rotation, scale, blurEvery, blurSigma,
                clip, seed, reportEvery);
    }

    public AscentSettings withL2(double value) {
        return new AscentSettings(steps, start, rule, stepSize, value, tv, jitter, rotation, scale, blurEvery,
                blurSigma, clip, seed, reportEvery);
    }

    public AscentSettings withTv(double value) {
        return new AscentSettings(steps, start, rule, stepSize, l2, value, jitter, rotation, scale, blurEvery,
                blurSigma, clip, seed, reportEvery);
    }

    public AscentSettings withTransforms(int jitterPixels, double rotationDegrees, double scaleFraction) {
        return new AscentSettings(steps, start, rule, stepSize, l2, tv, jitterPixels, rotationDegrees, scaleFraction,
                blurEvery, blurSigma, clip, seed, reportEvery);
    }

    public AscentSettings withBlur(int every, double sigma) {
        return new AscentSettings(steps, start, rule, stepSize, l2, tv, jitter, rotation, scale, every, sigma, clip,
                seed, reportEvery);
    }

    public AscentSettings withClip(boolean value) {
        return new AscentSettings(steps, start, rule, stepSize, l2, tv, jitter, rotation, scale, blurEvery, blurSigma,
                value, seed, reportEvery);
    }

    public AscentSettings withSeed(long value) {
        return new AscentSettings(steps, start, rule, stepSize, l2, tv, jitter, rotation, scale, blurEvery, blurSigma,
                clip, value, reportEvery);
    }

    public AscentSettings withReportEvery(int value) {
        return new AscentSettings(steps, start, rule, stepSize, l2, tv, jitter, rotation, scale, blurEvery, blurSigma,
                clip, seed, value);
    }

    private static void check(boolean ok, String name, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + allowed + ", got " + value);
        }
    }
}
