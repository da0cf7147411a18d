package atelier.analysis.actmax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG export round trips, Spearman's rho, and the warp and blur the ascent relies on. */
class ImageFilesTest {
    private static final PixelScale SCALE = TinyNetworks.FASHION;

    @Test
    void aWrittenImageReadsBackAsItsGreyLevels(@TempDir Path folder) {
        float[] image = new float[784];
        for (int p = 0; p < image.length; p++) {
            image[p] = SCALE.input((p % 256) / 255.0 + 0.0013);
        }
        Path file = folder.resolve("one.png");
        ActmaxImages.writeImage(file, image, new long[] {1, 28, 28}, SCALE);
        float[] pixels = ActmaxImages.readPixels(file);
        for (int p = 0; p < image.length; p++) {
            assertThat(SCALE.input(pixels[p])).isCloseTo(SCALE.quantized(image[p]),
                    org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void spearmanRanksAndRefusesTooLittle() {
        assertThat(QualityStudy.spearman(new double[] {0.1, 0.5, 0.9, 0.7}, new double[] {1, 20, 300, 40}))
                .isEqualTo(1.0);
        assertThat(QualityStudy.spearman(new double[] {0.1, 0.5, 0.9}, new double[] {3, 2, 1})).isEqualTo(-1.0);
        assertThat(QualityStudy.spearman(new double[] {0.1, 0.5}, new double[] {1, 2})).isNaN();
        assertThat(QualityStudy.spearman(new double[] {0.1, 0.5, 0.7}, new double[] {1, Double.NaN, 2})).isNaN();
    }

    @Test
    void warpAndItsInverseGiveBackTheInterior() {
        float[] plane = new float[784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                plane[y * 28 + x] = (float) Math.sin(x / 4.0) * (float) Math.cos(y / 5.0);
            }
        }
        float[] same = ImageRegularizers.warp(plane, 28, 28, 0, 1, 0, 0, 0f);
        for (int p = 0; p < plane.length; p++) {
            assertThat(same[p]).isCloseTo(plane[p], org.assertj.core.data.Offset.offset(1e-6f));
        }
        float[] shifted = ImageRegularizers.warp(plane, 28, 28, 0, 1, 2, -1, 0f);
        assertThat(shifted[10 * 28 + 12]).isEqualTo(plane[11 * 28 + 10]);
        float[] turned = ImageRegularizers.warp(plane, 28, 28, Math.toRadians(5), 1.05, 0, 0, 0f);
        float[] back = ImageRegularizers.warp(turned, 28, 28, Math.toRadians(-5), 1 / 1.05, 0, 0, 0f);
        for (int y = 8; y < 20; y++) {
            for (int x = 8; x < 20; x++) {
                assertThat(back[y * 28 + x]).isCloseTo(plane[y * 28 + x], org.assertj.core.data.Offset.offset(0.05f));
            }
        }
    }

    @Test
    void blurLowersTotalVariationAndKeepsTheMean() {
        float[] plane = StartImages.make(StartImage.NOISE, new int[] {0}, 784, SCALE, null, null, 9)[0];
        double before = ImageRegularizers.totalVariation(plane, 28, 28);
        double meanBefore = mean(plane);
        ImageRegularizers.blur(plane, 28, 28, 0.8);
        assertThat(ImageRegularizers.totalVariation(plane, 28, 28)).isLessThan(0.7 * before);
        assertThat(mean(plane)).isCloseTo(meanBefore, org.assertj.core.data.Offset.offset(0.01));
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
