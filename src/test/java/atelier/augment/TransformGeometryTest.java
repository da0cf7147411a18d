package atelier.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each transform's geometry on hand-made images whose every pixel is distinct. */
class TransformGeometryTest {
    private static final int H = 5;
    private static final int W = 7;
    private static final ImageShape SHAPE = new ImageShape(1, H, W);
    /** As Fashion-MNIST's statistics: black is stored as -0.8, white as 2.3. */
    private static final PixelScale SCALE = new PixelScale(0.286f, 0.353f);

    /** Pixel (r, c) holds 10 r + c + 1: asymmetric both ways, and no value repeats. */
    private static float[] pattern(int h, int w) {
        float[] image = new float[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                image[r * w + c] = 10 * r + c + 1;
            }
        }
        return image;
    }

    private static float[] apply(String spec, float[] image, ImageShape shape, long seed) {
        float[] copy = image.clone();
        AugmentationPipeline.parse(spec).augmenter(shape, SCALE).augment(copy, 0, new SplittableRandom(seed));
        return copy;
    }

    @Test
    void horizontalFlipMirrorsEveryRowAndVerticalFlipEveryColumn() {
        float[] image = pattern(H, W);
        float[] h = apply("flip:1", image, SHAPE, 1);
        float[] v = apply("vflip:1", image, SHAPE, 1);
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                assertThat(h[r * W + c]).isEqualTo(image[r * W + (W - 1 - c)]);
                assertThat(v[r * W + c]).isEqualTo(image[(H - 1 - r) * W + c]);
            }
        }
        assertThat(apply("flip:0", image, SHAPE, 1)).containsExactly(image);
    }

    @Test
    void flipWithProbabilityOneHalfFlipsAboutHalfTheImages() {
        float[] image = pattern(H, W);
        Augmenter flip = AugmentationPipeline.parse("flip:0.5").augmenter(SHAPE, SCALE);
        SplittableRandom random = new SplittableRandom(3);
        int flipped = 0;
        for (int i = 0; i < 2000; i++) {
            float[] copy = image.clone();
            flip.augment(copy, 0, random);
            flipped += copy[0] == image[W - 1] ? 1 : 0;
        }
        assertThat(flipped).isBetween(900, 1100);
    }

    @Test
    void cropShiftsByAtMostThePaddingAndReachesEveryOffset() {
        float[] image = pattern(H, W);
        int padding = 2;
        Set<String> offsets = new HashSet<>();
        for (long seed = 0; seed < 400; seed++) {
            float[] out = apply("crop:" + padding, image, SHAPE, seed);
            String found = null;
            for (int dy = -padding; dy <= padding; dy++) {
                for (int dx = -padding; dx <= padding; dx++) {
                    if (java.util.Arrays.equals(out, shifted(image, dy, dx, SCALE.background()))) {
                        assertThat(found).as("one offset explains the crop").isNull();
                        found = dy + "," + dx;
                    }
                }
            }
            assertThat(found).as("crop with seed " + seed + " is a shift within the padding").isNotNull();
            offsets.add(found);
        }
        assertThat(offsets).hasSize((2 * padding + 1) * (2 * padding + 1));
    }

    /** The image moved so that output (r, c) reads input (r + dy, c + dx), {@code fill} outside. */
    private static float[] shifted(float[] image, int dy, int dx, float fill) {
        float[] out = new float[image.length];
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                int sr = r + dy;
                int sc = c + dx;
                out[r * W + c] = sr < 0 || sr >= H || sc < 0 || sc >= W ? fill : image[sr * W + sc];
            }
        }
        return out;
    }

    @Test
    void cropFillsThePaddingWithZeroBackgroundEdgeOrReflection() {
        float[] image = pattern(H, W);
        for (String fill : Border.NAMES) {
            RandomCrop crop = new RandomCrop(SHAPE, SCALE, 3, Border.of(java.util.List.of(Border.NAMES).indexOf(fill)),
                    1);
            float[] out = image.clone();
            crop.crop(out, 0, -3, -2); // content moves 3 down and 2 right
            // row 0 and column 0 lie in the padding: they read input (-3, -2)
            float corner = out[0];
            float belowCorner = out[3 * W]; // reads input (0, -2)
            switch (fill) {
                case "zero" -> assertThat(corner).isZero();
                case "background" -> assertThat(corner).isEqualTo(SCALE.background());
                case "edge" -> {
                    assertThat(corner).isEqualTo(image[0]);
                    assertThat(belowCorner).isEqualTo(image[0]);
                }
                case "reflect" -> {
                    assertThat(corner).isEqualTo(image[3 * W + 2]); // (-3, -2) mirrors to (3, 2)
                    assertThat(belowCorner).isEqualTo(image[2]); // (0, -2) mirrors to (0, 2)
                }
                default -> throw new AssertionError(fill);
            }
            assertThat(out[3 * W + 2]).as(fill + ": the content moved").isEqualTo(image[0]);
            assertThat(out[(H - 1) * W + W - 1]).isEqualTo(image[(H - 4) * W + W - 3]);
        }
    }

    @Test
    void rotationByNinetyDegreesIsTheTransposeWithItsRowsReversed() {
        int n = 6;
        ImageShape square = new ImageShape(1, n, n);
        float[] image = pattern(n, n);
        RandomAffine affine = new RandomAffine(square, SCALE, 0, 0, 1, 1, 0, Border.BACKGROUND, false, 1);
        float[] out = image.clone();
        affine.warp(out, 0, 90, 0, 0, 1, 0);
        // counter-clockwise on screen, as numpy.rot90: out[r][c] = in[c][n-1-r]
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                assertThat(out[r * n + c]).isEqualTo(image[c * n + (n - 1 - r)]);
            }
        }
        float[] back = out.clone();
        affine.warp(back, 0, -90, 0, 0, 1, 0);
        assertThat(back).containsExactly(image);
    }

    @Test
    void affineTranslationShiftsByWholePixelsAndRotationOfZeroChangesNothing() {
        float[] image = pattern(H, W);
        RandomAffine affine = new RandomAffine(SHAPE, SCALE, 0, 0, 1, 1, 0, Border.BACKGROUND, false, 1);
        float[] moved = image.clone();
        affine.warp(moved, 0, 0, 2, 1, 1, 0); // 2 right, 1 down
        assertThat(moved).containsExactly(shifted(image, -1, -2, SCALE.background()));
        assertThat(apply("rotate:0", image, SHAPE, 5)).containsExactly(image);
        assertThat(apply("affine:0:translate=0:smin=1:smax=1", image, SHAPE, 5)).containsExactly(image);
    }

    @Test
    void rotationKeepsTheCentreAndFillsTheCornersWithBackground() {
        int n = 9;
        ImageShape square = new ImageShape(1, n, n);
        float[] image = new float[n * n];
        java.util.Arrays.fill(image, SCALE.white());
        RandomAffine affine = new RandomAffine(square, SCALE, 0, 0, 1, 1, 0, Border.BACKGROUND, false, 1);
        affine.warp(image, 0, 45, 0, 0, 1, 0);
        assertThat(image[4 * n + 4]).isEqualTo(SCALE.white());
        assertThat(image[0]).isEqualTo(SCALE.background());
        assertThat(image[n * n - 1]).isEqualTo(SCALE.background());
    }

    @Test
    void erasingOverwritesOneRectangleInsideTheImageWithinTorchvisionsScaleAndRatio() {
        int h = 28;
        int w = 28;
        ImageShape shape = new ImageShape(1, h, w);
        float[] image = new float[h * w];
        java.util.Arrays.fill(image, 1.5f);
        int erased = 0;
        for (long seed = 0; seed < 300; seed++) {
            float[] out = apply("erase:1:fill=background", image, shape, seed);
            int top = h;
            int left = w;
            int bottom = -1;
            int right = -1;
            int count = 0;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    if (out[r * w + c] != image[r * w + c]) {
                        assertThat(out[r * w + c]).isEqualTo(SCALE.background());
                        top = Math.min(top, r);
                        left = Math.min(left, c);
                        bottom = Math.max(bottom, r);
                        right = Math.max(right, c);
                        count++;
                    }
                }
            }
            if (count == 0) {
                continue; // ten draws too large: torchvision leaves the image as it is
            }
            erased++;
            int boxHeight = bottom - top + 1;
            int boxWidth = right - left + 1;
            assertThat(count).as("the changed pixels form one full rectangle").isEqualTo(boxHeight * boxWidth);
            assertThat(boxHeight).isLessThan(h);
            assertThat(boxWidth).isLessThan(w);
            double area = (double) count / (h * w);
            assertThat(area).isBetween(0.02 * 0.8, 0.33 * 1.2); // sides are rounded to whole pixels
            double ratio = (double) boxHeight / boxWidth;
            assertThat(ratio).isBetween(0.3 / 1.5, 3.3 * 1.5);
        }
        assertThat(erased).isGreaterThan(280);
    }

    @Test
    void erasingDefaultsAreTorchvisions() {
        TransformSpec erase = TransformSpec.parse("erase");
        assertThat(erase.value("p")).isEqualTo(0.5);
        assertThat(erase.value("smin")).isEqualTo(0.02);
        assertThat(erase.value("smax")).isEqualTo(0.33);
        assertThat(erase.value("rmin")).isEqualTo(0.3);
        assertThat(erase.value("rmax")).isEqualTo(3.3);
        float[] image = new float[28 * 28];
        java.util.Arrays.fill(image, 1.5f);
        float[] out = apply("erase", image, new ImageShape(1, 28, 28), 11);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isIn(1.5f, 0f);
        }
    }

    @Test
    void brightnessScalesRawPixelsAndClampsToWhite() {
        ImageShape shape = new ImageShape(1, 1, 3);
        float[] image = {SCALE.normalised(0f), SCALE.normalised(0.25f), SCALE.normalised(0.9f)};
        for (long seed = 0; seed < 50; seed++) {
            float[] out = apply("brightness:0.5", image, shape, seed);
            assertThat(SCALE.raw(out[0])).isCloseTo(0f, within(1e-5f));
            float factor = SCALE.raw(out[1]) / 0.25f;
            assertThat(factor).isBetween(0.5f - 1e-4f, 1.5f + 1e-4f);
            assertThat(SCALE.raw(out[2])).isCloseTo(Math.min(1f, 0.9f * factor), within(1e-4f));
        }
    }

    @Test
    void contrastKeepsTheMeanGreyWhenNothingClamps() {
        ImageShape shape = new ImageShape(1, 1, 4);
        float[] image = {SCALE.normalised(0.3f), SCALE.normalised(0.4f), SCALE.normalised(0.5f),
            SCALE.normalised(0.6f)};
        float[] out = apply("contrast:0.5", image, shape, 2);
        double mean = 0;
        for (float v : out) {
            mean += SCALE.raw(v) / 4;
        }
        assertThat(mean).isCloseTo(0.45, within(1e-4));
        assertThat(out).isNotEqualTo(image);
    }

    @Test
    void noiseHasTheGivenStandardDeviationInRawUnitsAndStaysInRange() {
        int n = 100 * 100;
        ImageShape shape = new ImageShape(1, 100, 100);
        float[] image = new float[n];
        java.util.Arrays.fill(image, SCALE.normalised(0.5f));
        float[] out = apply("noise:0.1", image, shape, 4);
        double sum = 0;
        double squares = 0;
        for (float v : out) {
            double d = SCALE.raw(v) - 0.5;
            sum += d;
            squares += d * d;
        }
        assertThat(sum / n).isCloseTo(0, within(0.005));
        assertThat(Math.sqrt(squares / n)).isCloseTo(0.1, within(0.005));
        float[] bright = new float[n];
        java.util.Arrays.fill(bright, SCALE.white());
        for (float v : apply("noise:0.5", bright, shape, 4)) {
            assertThat(v).isBetween(SCALE.background(), SCALE.white() + 1e-5f);
        }
    }

    @Test
    void elasticDistortionMovesPixelsLocallyAndWithoutStrengthChangesNothing() {
        int n = 28;
        ImageShape shape = new ImageShape(1, n, n);
        float[] image = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                image[r * n + c] = (r / 4 + c / 4) % 2 == 0 ? SCALE.white() : SCALE.background();
            }
        }
        assertThat(apply("elastic:0", image, shape, 1)).containsExactly(image);
        float[] out = apply("elastic:34:sigma=4", image, shape, 1);
        int changed = 0;
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isBetween(SCALE.background() - 1e-5f, SCALE.white() + 1e-5f);
            changed += Math.abs(out[i] - image[i]) > 1e-3 ? 1 : 0;
        }
        assertThat(changed).isGreaterThan(n * n / 20);
        // a smooth field: strong distortion still leaves most pixels near their own value
        assertThat(changed).isLessThan(n * n);
    }
}
