package atelier.analysis.actmax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ascent on a small seeded network: it climbs, its regularizers do what they say, and it is reproducible. */
class AscentTest {
    private static final InputGradient NETWORK = new Dl4jInputGradient(TinyNetworks.classifier(5), null,
            TinyNetworks.SHAPE);
    private static final PixelScale SCALE = TinyNetworks.FASHION;

    private static Ascent ascent(AscentSettings settings, int... units) {
        float[][] start = StartImages.make(settings.start(), units, 784, SCALE, null, null, settings.seed());
        return new Ascent(NETWORK, units, start, settings, SCALE);
    }

    @Test
    void theUnitRisesMonotonicallyOnAverage() {
        for (StepRule rule : StepRule.values()) {
            AscentSettings settings = AscentSettings.bare(rule, rule == StepRule.ADAM ? 0.02 : 0.05, 30)
                    .withStart(StartImage.GRAY);
            Ascent ascent = ascent(settings, 0, 3, 7);
            ascent.advance(30, () -> false, state -> { });
            for (List<Ascent.TracePoint> trace : ascent.traces()) {
                assertThat(trace).hasSize(31);
                double first = mean(trace.subList(0, 10));
                double middle = mean(trace.subList(10, 20));
                double last = mean(trace.subList(20, 31));
                assertThat(middle).as(rule + " middle over first").isGreaterThan(first);
                assertThat(last).as(rule + " last over middle").isGreaterThan(middle);
                long rises = 0;
                for (int i = 1; i < trace.size(); i++) {
                    rises += trace.get(i).value() > trace.get(i - 1).value() ? 1 : 0;
                }
                assertThat(rises).as(rule + " steps that raise the unit").isGreaterThanOrEqualTo(24);
            }
        }
    }

    @Test
    void totalVariationMakesTheImageSmoother() {
        AscentSettings base = AscentSettings.bare(StepRule.ADAM, 0.05, 40).withStart(StartImage.NOISE);
        float[] rough = ascent(base, 4).advance(40, () -> false, s -> { }).images()[0];
        float[] smooth = ascent(base.withTv(0.5), 4).advance(40, () -> false, s -> { }).images()[0];
        assertThat(ImageRegularizers.totalVariation(smooth, 28, 28))
                .isLessThan(0.7 * ImageRegularizers.totalVariation(rough, 28, 28));
    }

    @Test
    void totalVariationDescentLowersTotalVariation() {
        float[] image = StartImages.make(StartImage.NOISE, new int[] {0}, 784, SCALE, null, null, 3)[0];
        double before = ImageRegularizers.totalVariation(image, 28, 28);
        for (int step = 0; step < 20; step++) {
            float[] descent = new float[784];
            ImageRegularizers.addTotalVariationDescent(image, 28, 28, 0.02, descent);
            for (int p = 0; p < 784; p++) {
                image[p] += descent[p];
            }
        }
        assertThat(ImageRegularizers.totalVariation(image, 28, 28)).isLessThan(0.8 * before);
    }

    @Test
    void clippingKeepsTheRangeRealPixelsHave() {
        AscentSettings wild = AscentSettings.bare(StepRule.PLAIN, 50, 20);
        float[][] unclipped = ascent(wild, TinyNetworks.allClasses()).advance(20, () -> false, s -> { }).images();
        assertThat(outside(unclipped)).as("without clipping the big steps leave the range").isGreaterThan(0);
        float[][] clipped = ascent(wild.withClip(true), TinyNetworks.allClasses())
                .advance(20, () -> false, s -> { }).images();
        assertThat(outside(clipped)).isZero();
    }

    @Test
    void l2DecayPullsTowardsBlack() {
        AscentSettings base = AscentSettings.bare(StepRule.ADAM, 0.05, 30).withStart(StartImage.GRAY).withClip(true);
        float[] free = ascent(base, 2).advance(30, () -> false, s -> { }).images()[0];
        float[] decayed = ascent(base.withL2(5), 2).advance(30, () -> false, s -> { }).images()[0];
        assertThat(meanPixel(decayed)).isLessThan(meanPixel(free) - 0.05);
    }

    @Test
    void theSameSeedGivesTheSameImageAndAnotherSeedAnother() {
        AscentSettings settings = AscentSettings.defaults().withStart(StartImage.NOISE).withSteps(15).withSeed(11);
        float[][] first = ascent(settings, 1, 8).advance(15, () -> false, s -> { }).images();
        float[][] again = ascent(settings, 1, 8).advance(15, () -> false, s -> { }).images();
        float[][] other = ascent(settings.withSeed(12), 1, 8).advance(15, () -> false, s -> { }).images();
        assertThat(again).isDeepEqualTo(first);
        assertThat(other[0]).isNotEqualTo(first[0]);
    }

    @Test
    void stopAndContinueTakeTheSameStepsAsOneRun() {
        AscentSettings settings = AscentSettings.defaults().withSteps(12).withSeed(4);
        Ascent whole = ascent(settings, 5);
        whole.advance(12, () -> false, s -> { });
        Ascent parts = ascent(settings, 5);
        int[] reports = {0};
        parts.advance(12, () -> reports[0] >= 2, s -> reports[0]++);
        assertThat(parts.step()).isLessThan(12);
        parts.advance(12 - parts.step(), () -> false, s -> { });
        assertThat(parts.step()).isEqualTo(12);
        assertThat(parts.score().images()).isDeepEqualTo(whole.score().images());
    }

    @Test
    void quantizedImagesAreWhatAPngHolds() {
        Ascent ascent = ascent(AscentSettings.defaults().withSteps(5), 0);
        ascent.advance(5, () -> false, s -> { });
        float[] image = ascent.quantized().images()[0];
        for (float value : image) {
            double level = SCALE.pixel(value) * 255;
            assertThat(Math.abs(level - Math.round(level))).isLessThan(1e-3);
        }
    }

    private static double mean(List<Ascent.TracePoint> points) {
        return points.stream().mapToDouble(Ascent.TracePoint::value).average().orElseThrow();
    }

    private static long outside(float[][] images) {
        long count = 0;
        for (float[] image : images) {
            for (float v : image) {
                count += v < SCALE.low() - 1e-6 || v > SCALE.high() + 1e-6 ? 1 : 0;
            }
        }
        return count;
    }

    private static double meanPixel(float[] image) {
        double sum = 0;
        for (float v : image) {
            sum += SCALE.pixel(v);
        }
        return sum / image.length;
    }
}
