package atelier.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs and layer lists that cannot work are refused per layer, with a reason, before DL4J is asked. */
class ShapeChecksTest {
    private static final InputShape MNIST = InputShape.of(1, 28, 28);

    @Test
    void encoderWithValidPaddingRunsOutOfPixelsInTheThirdBlock() {
        List<LayerSpec> valid = LayerSpecText.parse("conv 32 3x3 valid relu;"
                + "conv 32 3x3 valid relu; conv 32 3x3 valid; pool 2x2;"
                + "conv 32 3x3 valid relu; conv 32 3x3 valid; pool 2x2;"
                + "conv 32 3x3 valid relu; conv 32 3x3 valid; pool 2x2;"
                + "dense 144; dense 72");

        StackCheck check = StackChecker.check(valid, MNIST, 10);

        assertThat(check.ok()).isFalse();
        LayerCheck failing = check.layers().stream().filter(layer -> !layer.ok()).findFirst().orElseThrow();
        assertThat(failing.name()).isEqualTo("conv7");
        assertThat(failing.error()).contains("3x3 kernel does not fit the 1x1 input");
        assertThat(check.layers().get(failing.index() - 1).outputShape()).containsExactly(32, 1, 1);
        assertThat(check.layers().subList(failing.index() + 1, check.layers().size()))
                .allMatch(layer -> layer.ok() && !layer.shapeKnown());
        assertThat(check.firstProblem()).hasValueSatisfying(problem -> assertThat(problem).startsWith("conv7: "));
    }

    @Test
    void encoderNotesExplainSamePadding() {
        List<String> notes = ArchitectureCatalog.named("encoder").notes(MNIST, 10, ModelOptions.defaults());

        assertThat(notes).anySatisfy(note -> assertThat(note)
                .contains("Why same padding", "conv7", "28x28 -> 14x14 -> 7x7 -> 3x3"));
        assertThat(notes).anySatisfy(note -> assertThat(note).contains("pool3 turns 7x7 into 3x3"));
    }

    @Test
    void aConvolutionAfterADenseLayerIsRefused() {
        StackCheck check = StackChecker.check(LayerSpecText.parse("dense 64; conv 8 3x3"), MNIST, 10);

        assertThat(check.layers().get(0).ok()).isTrue();
        assertThat(check.layers().get(1).error()).contains("needs an image", "flat vector of 64 values");
    }

    @Test
    void poolingLargerThanTheImageIsRefused() {
        StackCheck check = StackChecker.check(LayerSpecText.parse("pool 4x4; pool 4x4; pool 4x4"), MNIST, 10);

        assertThat(check.layers().get(1).outputShape()).containsExactly(1, 1, 1);
        assertThat(check.layers().get(2).error()).isEqualTo("4x4 pooling does not fit the 1x1 input: no pixels "
                + "would be left");
    }

    @Test
    void aClassifierNeedsTwoClasses() {
        StackCheck check = StackChecker.check(List.of(), MNIST, 1);

        assertThat(check.layers()).singleElement().satisfies(output -> {
            assertThat(output.name()).isEqualTo("output");
            assertThat(output.error()).contains("at least 2 classes");
        });
    }

    @Test
    void mnistNetOnTinyImagesIsRefusedBeforeBuilding() {
        Architecture mnistNet = ArchitectureCatalog.named("mnist-net");

        assertThat(mnistNet.refusal(InputShape.of(1, 4, 4), 10, ModelOptions.defaults()))
                .hasValue("mnist-net cannot take 4x4x1 input: conv2: a 3x3 kernel does not fit the 2x2 input "
                        + "without padding; use same padding or a smaller kernel, or remove a pooling before it");
        assertThatThrownBy(() -> mnistNet.build(InputShape.of(1, 4, 4), 10, ModelOptions.defaults()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("conv2");
    }

    @Test
    void vgg16At18x18IsRefusedWithTheReasonAndTheMinimum() {
        Architecture vgg = ArchitectureCatalog.named("vgg16");
        InputShape small = InputShape.of(1, 18, 18);

        assertThat(vgg.refusal(small, 10, ModelOptions.defaults())).hasValueSatisfying(reason -> assertThat(reason)
                .contains("at least 32x32", "five 2x2 max-poolings", "18 -> 9 -> 4 -> 2 -> 1"));
        assertThatThrownBy(() -> vgg.build(small, 10, ModelOptions.defaults()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("at least 32x32");
        assertThat(vgg.check(small, 10, ModelOptions.defaults()).firstProblem())
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("block5_pool: "));
    }

    @Test
    void vgg16ResizesMnistTo32UnlessToldOtherwise() {
        Architecture vgg = ArchitectureCatalog.named("vgg16");
        ModelOptions options = ModelOptions.defaults();

        assertThat(vgg.adapter(MNIST, options).output()).isEqualTo(InputShape.of(1, 32, 32));
        assertThat(vgg.refusal(MNIST, 10, options)).isEmpty();
        assertThat(vgg.adapter(MNIST, options.withResize(Resize.TO_224)).output())
                .isEqualTo(InputShape.of(1, 224, 224));
        assertThat(vgg.refusal(MNIST, 10, options.withResize(Resize.NONE))).isPresent();
        assertThat(vgg.adapter(InputShape.of(1, 18, 18), options).resizes()).isFalse();
    }

    @Test
    void inputSizesAreReadAsHeightWidthChannels() {
        assertThat(InputShape.parse("28x32x3")).isEqualTo(InputShape.of(3, 28, 32));
        assertThat(InputShape.parse("28x32x3").asList()).containsExactly(3, 28, 32);
        assertThatThrownBy(() -> InputShape.parse("28x28")).hasMessageContaining("28x28x1");
        assertThatThrownBy(() -> InputShape.parse("0x28x1")).hasMessageContaining("at least");
    }
}
