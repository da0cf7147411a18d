package atelier.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The calls the Architecture tab makes. */
class ArchitectureCatalogTest {

    @Test
    void listsEveryArchitectureWithItsTotals() {
        List<ArchitectureSummary> summaries = ArchitectureCatalog.list(InputShape.of(1, 28, 28), 10,
                ModelOptions.defaults());

        assertThat(summaries).extracting(ArchitectureSummary::name)
                .containsExactly("mnist-net", "mnist-net-bn", "encoder", "resnet", "vgg16", "custom");
        assertThat(summaries).allMatch(ArchitectureSummary::fits);
        assertThat(summaries).extracting(ArchitectureSummary::trainable)
                .containsExactly(1_199_882L, 1_200_330L, 108_594L, 108_594L, 33_637_066L, 1_199_882L);
        assertThat(summaries.get(4).networkInput()).isEqualTo(InputShape.of(1, 32, 32));
    }

    @Test
    void listsWhatDoesNotFitWithTheReason() {
        List<ArchitectureSummary> summaries = ArchitectureCatalog.list(InputShape.of(1, 18, 18), 10,
                ModelOptions.defaults());

        ArchitectureSummary vgg = summaries.get(4);
        assertThat(vgg.fits()).isFalse();
        assertThat(vgg.refusal()).contains("at least 32x32");
        assertThat(summaries.get(0).fits()).isTrue();
    }

    @Test
    void describesWithTheTableTheChecksAndTheReasoning() {
        ArchitectureDescription encoder = ArchitectureCatalog.describe(ArchitectureCatalog.named("encoder"),
                InputShape.of(1, 28, 28), 10, ModelOptions.defaults());

        assertThat(encoder.fits()).isTrue();
        assertThat(encoder.table().trainable()).isEqualTo(108_594);
        assertThat(encoder.check().ok()).isTrue();
        assertThat(encoder.notes()).anyMatch(note -> note.contains("Why same padding"));
    }

    @Test
    void describesARefusalWithoutBuildingAnything() {
        ArchitectureDescription vgg = ArchitectureCatalog.describe(ArchitectureCatalog.named("vgg16"),
                InputShape.of(1, 18, 18), 10, ModelOptions.defaults());

        assertThat(vgg.fits()).isFalse();
        assertThat(vgg.table()).isNull();
        assertThat(vgg.refusal()).contains("18 -> 9 -> 4 -> 2 -> 1");
    }

    @Test
    void unknownNamesAreRefused() {
        assertThatThrownBy(() -> ArchitectureCatalog.named("lenet"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("mnist-net, mnist-net-bn, encoder, resnet, vgg16, custom");
    }
}
