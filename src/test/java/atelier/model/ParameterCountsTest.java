package atelier.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The counts PyTorch reports for the same layers, read from the built DL4J networks. */
class ParameterCountsTest {
    private static final InputShape MNIST = InputShape.of(1, 28, 28);

    @ParameterizedTest(name = "{0}: {1} trainable, {2} non-trainable")
    @CsvSource({
            "mnist-net, 1199882, 0",
            "mnist-net-bn, 1200330, 448",
            "encoder, 108594, 0",
            "resnet, 108594, 0",
            "vgg16, 33637066, 0",
            "custom, 1199882, 0"})
    void countsMatchPyTorch(String name, long trainable, long nonTrainable) {
        Architecture architecture = ArchitectureCatalog.named(name);
        ParameterTable table = ParameterTable.of(architecture.build(MNIST, 10, ModelOptions.defaults()));

        assertThat(table.trainable()).isEqualTo(trainable);
        assertThat(table.nonTrainable()).isEqualTo(nonTrainable);
        StackCheck arithmetic = architecture.check(MNIST, 10, ModelOptions.defaults());
        assertThat(arithmetic.trainable()).as("shape arithmetic agrees with DL4J").isEqualTo(trainable);
        assertThat(arithmetic.nonTrainable()).isEqualTo(nonTrainable);
    }

    @Test
    void mnistNetRowsComeFromTheNetwork() {
        BuiltModel model = ArchitectureCatalog.named("mnist-net").build(MNIST, 10, ModelOptions.defaults());
        ParameterTable table = ParameterTable.of(model);

        assertThat(model.isGraph()).isFalse();
        assertThat(table.rows()).extracting(LayerRow::name)
                .containsExactly("conv1", "conv2", "pool1", "dropout1", "fc1", "dropout2", "output");
        assertThat(table.rows()).extracting(LayerRow::trainable)
                .containsExactly(320L, 18_496L, 0L, 0L, 1_179_776L, 0L, 1_290L);
        assertThat(table.row("pool1").outputShape()).containsExactly(64, 12, 12);
        assertThat(table.row("fc1").outputShape()).containsExactly(128);
        assertThat(table.row("dropout1").detail()).contains("drops 0.25", "keeps 0.75");
        assertThat(table.rows()).noneMatch(LayerRow::frozen);
        assertThat(model.parameterCount()).isEqualTo(table.trainable() + table.nonTrainable());
    }

    @Test
    void batchNormRunningStatisticsAreNonTrainable() {
        ParameterTable table = ParameterTable.of(
                ArchitectureCatalog.named("mnist-net-bn").build(MNIST, 10, ModelOptions.defaults()));

        assertThat(table.row("bn1").trainable()).isEqualTo(64);
        assertThat(table.row("bn1").nonTrainable()).isEqualTo(64);
        assertThat(table.row("bn3").outputShape()).containsExactly(128);
        assertThat(table.row("bn3").nonTrainable()).isEqualTo(256);
        assertThat(table.row("bn1_relu").type()).isEqualTo("Activation");
    }

    @Test
    void resnetIsAGraphWhoseBypassesCostNothing() {
        BuiltModel model = ArchitectureCatalog.named("resnet").build(MNIST, 10, ModelOptions.defaults());
        ParameterTable table = ParameterTable.of(model);

        assertThat(model.isGraph()).isTrue();
        List<LayerRow> additions = table.rows().stream().filter(row -> row.type().equals("Add")).toList();
        assertThat(additions).hasSize(3).allMatch(row -> row.trainable() == 0);
        assertThat(table.row("res1_add").detail()).isEqualTo("conv1 + res1_conv2");
        assertThat(table.row("pool3").outputShape()).containsExactly(32, 3, 3);
    }

    @Test
    void vgg16IsResizedTo32ForMnistAndNamedLikeTheImageNetWeights() {
        BuiltModel model = ArchitectureCatalog.named("vgg16").build(MNIST, 10, ModelOptions.defaults());
        ParameterTable table = ParameterTable.of(model);

        assertThat(model.networkInput()).isEqualTo(InputShape.of(1, 32, 32));
        assertThat(table.rows().get(0).name()).isEqualTo("resize");
        assertThat(table.rows().get(0).outputShape()).containsExactly(1, 32, 32);
        assertThat(table.row("block5_pool").outputShape()).containsExactly(512, 1, 1);
        assertThat(table.row("predictions").trainable()).isEqualTo(4096 * 10 + 10);
    }

    @Test
    void vgg16AtItsDesignSizeHasTheWellKnownCount() {
        StackCheck check = ArchitectureCatalog.named("vgg16")
                .check(InputShape.of(3, 224, 224), 1000, ModelOptions.defaults());

        assertThat(check.ok()).isTrue();
        assertThat(check.trainable()).isEqualTo(138_357_544L);
    }
}
