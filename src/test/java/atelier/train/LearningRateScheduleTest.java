package atelier.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    // torch 1.13: Adam(lr=0.01) stepped 20 times, the scheduler stepped after every step, lr read before each
    private static final double[] TORCH_COSINE = {0.01, 0.00993844170298, 0.00975528258148, 0.00945503262094,
        0.00904508497187, 0.00853553390593, 0.00793892626146, 0.0072699524987, 0.00654508497187, 0.0057821723252,
        0.005, 0.0042178276748, 0.00345491502813, 0.0027300475013, 0.00206107373854, 0.00146446609407,
        0.000954915028125, 0.000544967379058, 0.000244717418524, 6.15582970243e-05};
    // OneCycleLR(max_lr=0.01, total_steps=20, cycle_momentum=False)
    private static final double[] TORCH_ONE_CYCLE = {0.0004, 0.001316718427, 0.003716718427, 0.006683281573,
        0.009083281573, 0.01, 0.00987464006235, 0.00950484632013, 0.00890916177571, 0.0081174565395,
        0.00716943001791, 0.00611262021936, 0.00500002, 0.00388741978064, 0.00283060998209, 0.0018825834605,
        0.00109087822429, 0.000495193679865, 0.000125399937649, 4e-08};

    @Test
    void cosineAndOneCycleFollowPyTorchsSchedulersStepByStep() {
        for (int step = 0; step < 20; step++) {
            assertThat(LearningRateSchedule.COSINE.rate(0.01, 0.7, 1 + step / 4, step, 20))
                    .as("cosine, step %d", step).isCloseTo(TORCH_COSINE[step], within(1e-12));
            assertThat(LearningRateSchedule.ONE_CYCLE.rate(0.01, 0.7, 1 + step / 4, step, 20))
                    .as("one cycle, step %d", step).isCloseTo(TORCH_ONE_CYCLE[step], within(1e-12));
        }
    }

    @Test
    void stepMultipliesByGammaAfterEveryEpochWhateverTheStep() {
        assertThat(LearningRateSchedule.STEP.rate(1.0, 0.7, 1, 0, 100)).isEqualTo(1.0);
        assertThat(LearningRateSchedule.STEP.rate(1.0, 0.7, 1, 9, 100)).isEqualTo(1.0);
        assertThat(LearningRateSchedule.STEP.rate(1.0, 0.7, 3, 25, 100)).isCloseTo(0.49, within(1e-12));
    }

    @Test
    void aSpecNamesItsScheduleAndRefusesUnknownOnes() {
        RunSpec stepped = RunSpec.defaults("fashion", "mnist-net", 4);
        assertThat(stepped.schedule()).isEqualTo("step");
        RunSpec cosine = stepped.withSchedule(" Cosine ");
        assertThat(cosine.learningRateSchedule()).isEqualTo(LearningRateSchedule.COSINE);
        // 4 epochs of 10 steps: the third epoch starts at step 20 of 40, half way down the curve
        assertThat(cosine.learningRateOfEpoch(3, 10)).isCloseTo(0.5, within(1e-12));
        assertThat(stepped.learningRateOfEpoch(3, 10)).isCloseTo(0.49, within(1e-12));
        assertThat(stepped.stepsPerEpoch(641)).isEqualTo(11);
        assertThatThrownBy(() -> stepped.withSchedule("linear"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'linear'").hasMessageContaining("step, cosine, onecycle");
    }

    @Test
    void aRecordWrittenBeforeSchedulesReadsAsStepped() throws Exception {
        String json = "{\"name\":null,\"dataset\":\"fashion\",\"architecture\":\"mnist-net\",\"init\":\"xavier\","
                + "\"freezeAllButLast\":false,\"optimizer\":\"adam\",\"learningRate\":0.001,\"gamma\":0.9,"
                + "\"momentum\":0.9,\"batchSize\":64,\"epochs\":10,\"limitTrain\":0,\"augmentation\":\"none\","
                + "\"seed\":1,\"resize\":\"auto\",\"layers\":null}";
        RunSpec spec = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, RunSpec.class);
        assertThat(spec.learningRateSchedule()).isEqualTo(LearningRateSchedule.STEP);
        assertThat(spec.gamma()).isEqualTo(0.9);
        RunSpec again = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(spec.withSchedule("onecycle")),
                RunSpec.class);
        assertThat(again.schedule()).isEqualTo("onecycle");
    }
}
