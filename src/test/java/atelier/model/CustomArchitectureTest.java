package atelier.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The custom layer list: its text form, per-layer errors while editing, and the network it builds. */
class CustomArchitectureTest {
    private static final InputShape MNIST = InputShape.of(1, 28, 28);

    @Test
    void textFormRoundTrips() {
        String text = "conv 16 5x5 stride 2 same relu; pool 2x2; batchnorm relu; residual 3x3 relu; dropout 0.3; "
                + "dense 64 tanh";

        List<LayerSpec> layers = LayerSpecText.parse(text);

        assertThat(layers).containsExactly(
                new LayerSpec.Conv(16, 5, 2, LayerSpec.Padding.SAME, Nonlinearity.RELU),
                new LayerSpec.Pool(2, 2),
                new LayerSpec.BatchNorm(Nonlinearity.RELU),
                new LayerSpec.Residual(3, Nonlinearity.RELU),
                new LayerSpec.Dropout(0.3),
                new LayerSpec.Dense(64, Nonlinearity.TANH));
        assertThat(LayerSpecText.format(layers)).isEqualTo(text);
        assertThat(LayerSpecText.parse("conv 8 3\npool 2")).containsExactly(
                new LayerSpec.Conv(8, 3, 1, LayerSpec.Padding.VALID, Nonlinearity.RELU), new LayerSpec.Pool(2, 2));
    }

    @Test
    void unreadableLayersAreNamedByPosition() {
        assertThatThrownBy(() -> LayerSpecText.parse("conv 8 3x3; dense many"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 2 (\"dense many\"): the number of units must be a whole number, got \"many\"");
        assertThatThrownBy(() -> LayerSpecText.parse("conv 8 3x5"))
                .hasMessageContaining("must be square");
        assertThatThrownBy(() -> LayerSpecText.parse("pool 2x2 sideways"))
                .hasMessageContaining("unexpected \"sideways\"");
    }

    @Test
    void everyBadLayerOfAnEditGetsItsOwnMessage() {
        List<LayerSpec> layers = List.of(
                new LayerSpec.Conv(0, 3, LayerSpec.Padding.SAME, Nonlinearity.RELU),
                new LayerSpec.Conv(8, 3, LayerSpec.Padding.SAME, Nonlinearity.RELU));

        StackCheck check = ArchitectureCatalog.validate(layers, MNIST, 10);

        assertThat(check.layers().get(0).error()).isEqualTo("a convolution needs at least 1 filter, got 0");
        assertThat(check.ok()).isFalse();

        assertThat(ArchitectureCatalog.validate(List.of(new LayerSpec.Dropout(1.0)), MNIST, 10).layers().get(0)
                .error()).contains("below 1");
        assertThat(ArchitectureCatalog.validate(List.of(new LayerSpec.Dense(0, Nonlinearity.RELU)), MNIST, 10)
                .layers().get(0).error()).contains("at least 1 unit");
        assertThat(ArchitectureCatalog.validate(LayerSpecText.parse("dense 32; residual 3x3"), MNIST, 10)
                .layers().get(1).error()).contains("a residual block needs an image");
        assertThat(ArchitectureCatalog.validate(LayerSpecText.parse("dense 100000; dense 100000"), MNIST, 10)
                .layers().get(1).error()).contains("cannot be trained here");
    }

    @Test
    void aValidListShowsShapesAndCountsBeforeAndAfterBuilding() {
        List<LayerSpec> layers = LayerSpecText.parse("conv 16 3x3 same relu; batchnorm; residual 3x3 relu; "
                + "pool 2x2; dropout 0.2; dense 32 relu");

        StackCheck check = ArchitectureCatalog.validate(layers, MNIST, 10);
        BuiltModel model = ArchitectureCatalog.custom(layers).build(MNIST, 10, ModelOptions.defaults());
        ParameterTable table = ParameterTable.of(model);

        assertThat(check.ok()).isTrue();
        assertThat(check.layers()).extracting(LayerCheck::name)
                .containsExactly("conv1", "bn1", "res1", "pool1", "dropout1", "fc1", "output");
        assertThat(check.layers().get(2).outputShape()).containsExactly(16, 28, 28);
        assertThat(check.layers().get(2).trainable()).isEqualTo(2 * (16 * 16 * 9 + 16));
        assertThat(model.isGraph()).as("a residual block needs a ComputationGraph").isTrue();
        assertThat(table.trainable()).isEqualTo(check.trainable());
        assertThat(table.nonTrainable()).isEqualTo(check.nonTrainable()).isEqualTo(32);
        assertThat(table.row("res1_relu").type()).isEqualTo("Activation");
        assertThat(table.row("dropout1").outputShape()).containsExactly(16, 14, 14);
    }

    @Test
    void aListWithoutResidualBlocksIsAMultiLayerNetwork() {
        BuiltModel model = ArchitectureCatalog.custom(LayerSpecText.parse("conv 4 3x3; pool 2x2; dense 16"))
                .build(MNIST, 3, ModelOptions.defaults().withWeights(WeightScheme.HE));

        assertThat(model.isGraph()).isFalse();
        assertThat(ParameterTable.of(model).trainable()).isEqualTo((9 * 4 + 4) + (4 * 13 * 13 * 16 + 16) + (16 * 3 + 3));
    }

    @Test
    void theEditorStartsFromMnistNet() {
        assertThat(ArchitectureCatalog.named(ArchitectureCatalog.CUSTOM).layers())
                .isEqualTo(ArchitectureCatalog.named("mnist-net").layers());
    }
}
