package atelier.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The text form, its refusals, and seeded determinism. */
class AugmentationPipelineTest {
    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final PixelScale SCALE = new PixelScale(0.1307f, 0.3081f);

    @Test
    void theIssuesExampleReadsAndWritesBackUnchanged() {
        AugmentationPipeline pipeline = AugmentationPipeline.parse("flip:0.5,crop:4,rotate:10,erase:0.5");
        assertThat(pipeline.steps()).extracting(s -> s.kind()).containsExactly(TransformKind.FLIP,
                TransformKind.CROP, TransformKind.ROTATE, TransformKind.ERASE);
        assertThat(pipeline.steps().get(1).value("padding")).isEqualTo(4);
        assertThat(pipeline.steps().get(1).value("fill")).isEqualTo(1); // background
        assertThat(pipeline.text()).isEqualTo("flip:0.5,crop:4,rotate:10,erase:0.5");
    }

    @Test
    void everyTransformRoundTripsWithItsNonDefaultParameters() {
        String text = "flip:0.3,vflip:1,crop:2:fill=reflect:p=0.75,rotate:30:fill=zero:interp=bilinear,"
                + "affine:15:translate=0.2:smin=0.8:smax=1.25:shear=10:fill=edge,"
                + "erase:0.25:smin=0.05:smax=0.2:rmin=0.5:rmax=2:fill=random,noise:0.05,brightness:0.4:p=0.5,"
                + "contrast:0.3,elastic:20:sigma=3";
        AugmentationPipeline pipeline = AugmentationPipeline.parse(text);
        assertThat(pipeline.text()).isEqualTo(text);
        assertThat(AugmentationPipeline.parse(pipeline.text())).isEqualTo(pipeline);
        // spacing, case, named main parameters and default values written out read the same
        assertThat(AugmentationPipeline.parse(" FLIP:p=0.3 , crop : 4 : fill=background ").text())
                .isEqualTo("flip:0.3,crop:4");
        assertThat(AugmentationPipeline.parse("erase").text()).isEqualTo("erase:0.5");
        assertThat(AugmentationPipeline.parse("none").isEmpty()).isTrue();
        assertThat(AugmentationPipeline.parse("").text()).isEqualTo("none");
        assertThat(AugmentationPipeline.NONE.text()).isEqualTo("none");
    }

    @Test
    void unknownTransformsAndBadValuesAreRefusedWithTheNameAndRange() {
        assertThatThrownBy(() -> AugmentationPipeline.parse("flip:0.5,blur:3"))
                .hasMessageContaining("unknown transform 'blur'").hasMessageContaining("flip, vflip, crop");
        assertThatThrownBy(() -> AugmentationPipeline.parse("crop:40"))
                .hasMessage("crop: padding must be a whole number from 0 to 16, not '40'");
        assertThatThrownBy(() -> AugmentationPipeline.parse("crop:2.5"))
                .hasMessage("crop: padding must be a whole number from 0 to 16, not '2.5'");
        assertThatThrownBy(() -> AugmentationPipeline.parse("flip:1.5"))
                .hasMessage("flip: p must be a number from 0 to 1, not '1.5'");
        assertThatThrownBy(() -> AugmentationPipeline.parse("rotate:ten"))
                .hasMessage("rotate: degrees must be a number from 0 to 180, not 'ten'");
        assertThatThrownBy(() -> AugmentationPipeline.parse("crop:4:fill=blue"))
                .hasMessage("crop: fill must be one of zero, background, edge, reflect, not 'blue'");
        assertThatThrownBy(() -> AugmentationPipeline.parse("rotate:10:size=3"))
                .hasMessage("rotate: unknown parameter 'size' (rotate takes degrees, fill, interp, p)");
        assertThatThrownBy(() -> AugmentationPipeline.parse("erase:0.5:smin=0.4:smax=0.1"))
                .hasMessage("erase: smin (0.4) must not exceed smax (0.1)");
        assertThatThrownBy(() -> AugmentationPipeline.parse("crop:4:2"))
                .hasMessageStartingWith("crop: '2' needs a parameter name");
        assertThatThrownBy(() -> AugmentationPipeline.parse("flip,,crop"))
                .hasMessageStartingWith("empty transform");
        assertThatThrownBy(() -> TransformSpec.of(TransformKind.NOISE).with("sigma", 2))
                .hasMessage("noise: sigma must be a number from 0 to 1, not '2'");
    }

    @Test
    void theSameSeedGivesTheSameBatchAndAnotherSeedAnother() {
        AugmentationPipeline pipeline = AugmentationPipeline.parse(
                "flip:0.5,crop:4,rotate:10,erase:0.5,noise:0.05,elastic:20,affine:5:shear=5,brightness,contrast");
        float[] batch = batch(16);
        float[] first = augmented(pipeline, batch, 7, 2, 3);
        float[] again = augmented(pipeline, batch, 7, 2, 3);
        assertThat(again).containsExactly(first);
        assertThat(Arrays.equals(augmented(pipeline, batch, 8, 2, 3), first)).isFalse();
        assertThat(Arrays.equals(augmented(pipeline, batch, 7, 2, 4), first)).isFalse();
        assertThat(Arrays.equals(augmented(pipeline, batch, 7, 3, 3), first)).isFalse();
        assertThat(Arrays.equals(first, batch)).isFalse();
    }

    private static float[] augmented(AugmentationPipeline pipeline, float[] batch, long seed, int epoch, int index) {
        float[] copy = batch.clone();
        pipeline.augmenter(MNIST, SCALE).augmentBatch(copy, 16, AugmentationSeeds.forBatch(seed, epoch, index));
        return copy;
    }

    static float[] batch(int count) {
        java.util.Random random = new java.util.Random(1);
        float[] values = new float[count * MNIST.pixels()];
        for (int i = 0; i < values.length; i++) {
            values[i] = SCALE.normalised(random.nextFloat());
        }
        return values;
    }
}
