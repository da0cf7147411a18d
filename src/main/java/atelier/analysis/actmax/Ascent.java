package atelier.analysis.actmax;

import atelier.task.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient ascent on a batch of images, each maximizing its own unit, advanced step by step so that it can be
 * stopped and continued. Every image draws its jitter, rotation and scale from its own random stream, seeded by the
 * settings' seed and its unit: an image comes out the same whether it is computed alone or in the gallery's batch.
 * Not thread safe: one thread advances it at a time.
 */
public final class Ascent {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private final InputGradient network;
    private final int[] units;
    private final AscentSettings settings;
    private final PixelScale scale;
    private final int channels;
    private final int height;
    private final int width;
    private final float[][] images;
    private final float[][] firstMoment;
    private final float[][] secondMoment;
    private final Random[] randoms;
    private final List<List<TracePoint>> traces = new ArrayList<>();
    private int step;

    /** One point of an image's curve: the unit's value and its class probability after {@code step} steps. */
    public record TracePoint(int step, float value, float probability) {
    }

    /**
     * @param start [image][channel·height·width] start images as network inputs (see {@link StartImages})
     */
    public Ascent(InputGradient network, int[] units, float[][] start, AscentSettings settings, PixelScale scale) {
        if (units.length == 0 || units.length != start.length) {
            throw new IllegalArgumentException("need one start image per unit, got " + start.length + " for "
                    + units.length + " units");
        }
        long[] shape = network.inputShape();
        this.channels = (int) shape[0];
        this.height = (int) shape[1];
        this.width = (int) shape[2];
        for (int unit : units) {
            network.layer().checkUnit(unit);
        }
        this.network = network;
        this.units = units.clone();
        this.settings = settings;
        this.scale = scale;
        this.images = new float[units.length][];
        this.firstMoment = new float[units.length][];
        this.secondMoment = new float[units.length][];
        this.randoms = new Random[units.length];
        for (int i = 0; i < units.length; i++) {
            if (start[i].length != channels * height * width) {
                throw new IllegalArgumentException("start image " + i + " has " + start[i].length + " values, the "
                        + "network takes " + channels + "x" + height + "x" + width);
            }
            images[i] = start[i].clone();
            firstMoment[i] = new float[images[i].length];
            secondMoment[i] = new float[images[i].length];
            randoms[i] = new Random(streamSeed(settings.seed(), units[i]));
            traces.add(new ArrayList<>());
        }
    }

    static long streamSeed(long seed, int unit) {
        return seed * 1_000_003L + unit * 7919L + 17;
    }

    public int step() {
        return step;
    }

    public int[] units() {
        return units.clone();
    }

    public AscentSettings settings() {
        return settings;
    }

    public PixelScale scale() {
        return scale;
    }

    public InputGradient network() {
        return network;
    }

    /** Each image's curve so far (one point per report). */
    public List<List<TracePoint>> traces() {
        return traces.stream().map(List::copyOf).toList();
    }

    /**
     * Takes up to {@code steps} steps, scoring the images every {@code reportEvery} steps and at the end; stops early
     * (between steps) when {@code stop} says so or the thread is interrupted.
     *
     * @param onReport gets each scored state (on this thread)
     * @return the state after the last step taken
     */
    public AscentState advance(int steps, BooleanSupplier stop, Consumer<AscentState> onReport) {
        if (step == 0 && traces.get(0).isEmpty()) {
            report(onReport);
        }
        int target = step + steps;
        AscentState last = null;
        while (step < target && !stop.getAsBoolean()) {
            Progress.checkCancelled();
            takeStep();
            if (step % settings.reportEvery() == 0 || step == target) {
                last = report(onReport);
            }
        }
        return last != null ? last : score();
    }

    /** The images as they are now, scored, without a step. */
    public AscentState score() {
        return score(copies(images));
    }

    /**
     * The images as an 8-bit PNG holds them, scored: what an exported file shows the network. The ascent's own
     * images are left as they are.
     */
    public AscentState quantized() {
        float[][] rounded = copies(images);
        for (float[] image : rounded) {
            for (int p = 0; p < image.length; p++) {
                image[p] = scale.quantized(image[p]);
            }
        }
        return score(rounded);
    }

    private AscentState report(Consumer<AscentState> onReport) {
        AscentState state = score();
        for (int i = 0; i < units.length; i++) {
            traces.get(i).add(new TracePoint(step, state.values()[i], state.probability(i)));
        }
        onReport.accept(state);
        return state;
    }

    private AscentState score(float[][] batch) {
        InputGradient.Scores scores = network.scores(toInputs(batch), units);
        return new AscentState(step, units.clone(), batch, scores.values(), scores.probabilities());
    }

    private void takeStep() {
        int n = units.length;
        int plane = height * width;
        float fill = scale.low();
        Transform[] transforms = new Transform[n];
        float[][] seen = new float[n][];
        for (int i = 0; i < n; i++) {
            transforms[i] = Transform.draw(randoms[i], settings);
            seen[i] = transforms[i].identity() ? images[i] : applyPerPlane(images[i], transforms[i], fill, false);
        }
        float[][] ascent = toRows(network.gradient(toInputs(seen), units), n);
        step++;
        for (int i = 0; i < n; i++) {
            float[] direction = transforms[i].identity() ? ascent[i]
                    : applyPerPlane(ascent[i], transforms[i], 0f, true);
            float[] image = images[i];
            if (settings.l2() > 0) {
                for (int p = 0; p < image.length; p++) {
                    direction[p] -= (float) (settings.l2() * (image[p] - fill));
                }
            }
            if (settings.tv() > 0) {
                for (int c = 0; c < channels; c++) {
                    float[] values = java.util.Arrays.copyOfRange(image, c * plane, (c + 1) * plane);
                    float[] descent = new float[plane];
                    ImageRegularizers.addTotalVariationDescent(values, height, width, settings.tv(), descent);
                    for (int p = 0; p < plane; p++) {
                        direction[c * plane + p] += descent[p];
                    }
                }
            }
            update(i, direction);
            if (settings.blurEvery() > 0 && step % settings.blurEvery() == 0) {
                for (int c = 0; c < channels; c++) {
                    float[] values = java.util.Arrays.copyOfRange(image, c * plane, (c + 1) * plane);
                    ImageRegularizers.blur(values, height, width, settings.blurSigma());
                    System.arraycopy(values, 0, image, c * plane, plane);
                }
            }
            if (settings.clip()) {
                ImageRegularizers.clip(image, scale.low(), scale.high());
            }
        }
    }

    private void update(int i, float[] direction) {
        float[] image = images[i];
        if (settings.rule() == StepRule.PLAIN) {
            for (int p = 0; p < image.length; p++) {
                image[p] += (float) (settings.stepSize() * direction[p]);
            }
            return;
        }
        float[] m = firstMoment[i];
        float[] v = secondMoment[i];
        double correction1 = 1 - Math.pow(BETA1, step);
        double correction2 = 1 - Math.pow(BETA2, step);
        for (int p = 0; p < image.length; p++) {
            m[p] = (float) (BETA1 * m[p] + (1 - BETA1) * direction[p]);
            v[p] = (float) (BETA2 * v[p] + (1 - BETA2) * direction[p] * direction[p]);
            double mHat = m[p] / correction1;
            double vHat = v[p] / correction2;
            image[p] += (float) (settings.stepSize() * mHat / (Math.sqrt(vHat) + ADAM_EPSILON));
        }
    }

    /** A random shift, rotation and scale for one step of one image. */
    private record Transform(double angle, double factor, int shiftX, int shiftY) {
        static Transform draw(Random random, AscentSettings settings) {
            int shiftX = settings.jitter() > 0 ? random.nextInt(2 * settings.jitter() + 1) - settings.jitter() : 0;
            int shiftY = settings.jitter() > 0 ? random.nextInt(2 * settings.jitter() + 1) - settings.jitter() : 0;
            double angle = settings.rotation() > 0
                    ? Math.toRadians((2 * random.nextDouble() - 1) * settings.rotation()) : 0;
            double factor = settings.scale() > 0 ? 1 + (2 * random.nextDouble() - 1) * settings.scale() : 1;
            return new Transform(angle, factor, shiftX, shiftY);
        }

        boolean identity() {
            return angle == 0 && factor == 1 && shiftX == 0 && shiftY == 0;
        }
    }

    /**
     * The transform (or its inverse, which carries a gradient taken on the transformed image back to the image: for
     * these near-identity warps the inverse is close to the adjoint) applied to every channel plane.
     */
    private float[] applyPerPlane(float[] values, Transform t, float fill, boolean inverse) {
        int plane = height * width;
        float[] out = new float[values.length];
        for (int c = 0; c < channels; c++) {
            float[] part = java.util.Arrays.copyOfRange(values, c * plane, (c + 1) * plane);
            float[] warped;
            if (inverse) {
                // undo: shift back, then rotate and scale back
                float[] unshifted = ImageRegularizers.warp(part, height, width, 0, 1, -t.shiftX, -t.shiftY, fill);
                warped = ImageRegularizers.warp(unshifted, height, width, -t.angle, 1 / t.factor, 0, 0, fill);
            } else {
                warped = ImageRegularizers.warp(part, height, width, t.angle, t.factor, t.shiftX, t.shiftY, fill);
            }
            System.arraycopy(warped, 0, out, c * plane, plane);
        }
        return out;
    }

    private INDArray toInputs(float[][] batch) {
        return Nd4j.create(batch).reshape('c', batch.length, channels, height, width);
    }

    private static float[][] toRows(INDArray gradient, int n) {
        return gradient.reshape('c', n, gradient.length() / n).toFloatMatrix();
    }

    private static float[][] copies(float[][] batch) {
        float[][] out = new float[batch.length][];
        for (int i = 0; i < batch.length; i++) {
            out[i] = batch[i].clone();
        }
        return out;
    }
}
