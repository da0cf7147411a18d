package atelier.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import org.deeplearning4j.common.resources.DL4JResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Offline, the zoo's download fails at once; the model must come out of it untouched and usable. The test points
 * DL4J at a closed local port so that it never downloads half a gigabyte, whatever network the machine has.
 */
class ImageNetWeightsTest {
    private static final InputShape MNIST = InputShape.of(1, 28, 28);

    @TempDir
    Path cache;

    private String originalUrl;

    @BeforeEach
    void pointDl4jAtNothing() {
        originalUrl = DL4JResources.getBaseDownloadURL();
        DL4JResources.setBaseDownloadURL("http://127.0.0.1:1/");
        DL4JResources.setBaseDirectory(cache.toFile());
    }

    @AfterEach
    void restoreDl4j() {
        DL4JResources.setBaseDownloadURL(originalUrl);
        DL4JResources.resetBaseDirectoryLocation();
    }

    @Test
    void offlineGivesAClearMessageAndLeavesTheModelUsable() {
        BuiltModel vgg = ArchitectureCatalog.named("vgg16").build(MNIST, 10, ModelOptions.defaults());
        INDArray before = vgg.network().params().dup();

        assertThatThrownBy(() -> ImageNetWeights.apply(vgg))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("cannot be downloaded: no connection")
                .hasMessageContaining("keeps its fresh initialisation")
                .hasMessageContaining(ImageNetWeights.FILE_NAME);

        assertThat(vgg.network().params().sub(before).amaxNumber().doubleValue()).isZero();
        INDArray probabilities = vgg.output(RandomBatch.of(2, MNIST, 10, 9).features());
        assertThat(probabilities.shape()).containsExactly(2, 10);
        assertThat(probabilities.sum(1).toDoubleVector()).containsExactly(new double[] {1.0, 1.0}, offset(1e-4));
    }

    @Test
    void onlyVgg16HasImageNetWeights() {
        BuiltModel encoder = ArchitectureCatalog.named("encoder").build(MNIST, 10, ModelOptions.defaults());

        assertThatThrownBy(() -> ImageNetWeights.apply(encoder))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("vgg16 only");
    }
}
