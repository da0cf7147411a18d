package atelier.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class InputAdapterTest {
    private static final InputShape MNIST = InputShape.of(1, 28, 28);

    @Test
    void resizesBatchesTo32x32() {
        InputAdapter adapter = InputAdapter.resize(MNIST, 32);
        INDArray images = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);

        INDArray resized = adapter.apply(images);

        assertThat(resized.shape()).containsExactly(3, 1, 32, 32);
        assertThat(resized.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(resized.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void interpolatesWithHalfPixelCentresLikePyTorch() {
        INDArray image = Nd4j.createFromArray(new float[] {0, 1, 2, 3}).reshape(1, 1, 2, 2);

        INDArray resized = InputAdapter.resize(InputShape.of(1, 2, 2), 4).apply(image);

        // F.interpolate(x, size=(4, 4), mode="bilinear", align_corners=False)
        float[] expected = {0, 0.25f, 0.75f, 1, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2, 2.25f, 2.75f, 3};
        assertThat(resized.reshape(16).toFloatVector()).containsExactly(expected, offset(1e-6f));
    }

    @Test
    void keepsAFlatImageFlatInValue() {
        INDArray constant = Nd4j.valueArrayOf(new long[] {2, 1, 28, 28}, 0.5f);

        INDArray resized = InputAdapter.resize(MNIST, 32).apply(constant);

        assertThat(resized.minNumber().doubleValue()).isCloseTo(0.5, offset(1e-6));
        assertThat(resized.maxNumber().doubleValue()).isCloseTo(0.5, offset(1e-6));
    }

    @Test
    void acceptsFlattenedRowsAndWorksAsADataSetPreProcessor() {
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 784), Nd4j.zeros(DataType.FLOAT, 4, 10));

        InputAdapter.none(MNIST).preProcess(batch);

        assertThat(batch.getFeatures().shape()).containsExactly(4, 1, 28, 28);
    }

    @Test
    void refusesImagesOfAnotherSize() {
        assertThatThrownBy(() -> InputAdapter.resize(MNIST, 32).apply(Nd4j.rand(DataType.FLOAT, 2, 1, 20, 20)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("expected images of 28x28x1");
    }
}
