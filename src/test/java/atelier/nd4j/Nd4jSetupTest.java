package atelier.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atelier.BuildInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

class Nd4jSetupTest {

    @Test
    void choosesTheBuildsVariantOnlyWhenTheCpuHasAvx2() {
        assertThat(Nd4jSetup.chooseExtension("-onednn-avx2", true)).isEqualTo("-onednn-avx2");
        assertThat(Nd4jSetup.chooseExtension("-onednn-avx2", false)).isEmpty();
        assertThat(Nd4jSetup.chooseExtension("-onednn", false)).isEqualTo("-onednn");
        assertThat(Nd4jSetup.chooseExtension("", true)).isEmpty();
        assertThat(Nd4jSetup.chooseExtension(null, true)).isEmpty();
    }

    @Test
    void readsAvx2AndFmaFromCpuinfoFlags() {
        assertThat(Nd4jSetup.flagsHaveAvx2(List.of("processor\t: 0", "flags\t\t: fpu sse2 avx fma avx2 bmi2")))
                .isTrue();
        assertThat(Nd4jSetup.flagsHaveAvx2(List.of("flags\t\t: fpu sse2 avx"))).isFalse();
        assertThat(Nd4jSetup.flagsHaveAvx2(List.of("flags\t\t: avx2"))).as("AVX2 without FMA").isFalse();
        assertThat(Nd4jSetup.flagsHaveAvx2(List.of("Features\t: fp asimd"))).isFalse();
    }

    @Test
    void asksOpenBlasForTheKernelsTheCpuFlagsCallFor() {
        // flags of the Xeon (family 6, model 207) on which OpenBLAS 0.3.19 fell back to its SSE3 kernels
        List<String> xeon = List.of("processor\t: 0", "flags\t\t: fpu sse2 avx fma avx2 avx512f avx512dq avx512cd "
                + "avx512bw avx512vl avx512_bf16 avx512_fp16 avx2");
        assertThat(OpenBlasCore.forFlags(Nd4jSetup.flags(xeon))).isEqualTo("SKYLAKEX");
        assertThat(OpenBlasCore.forFlags(Nd4jSetup.flags(List.of("flags\t: sse2 avx fma avx2 avx512f"))))
                .as("AVX-512 foundation alone, as on Xeon Phi").isEqualTo("HASWELL");
        assertThat(OpenBlasCore.forFlags(Nd4jSetup.flags(List.of("flags\t: sse2 avx avx2")))).as("no FMA").isNull();
        assertThat(OpenBlasCore.forFlags(Nd4jSetup.flags(List.of("Features\t: fp asimd")))).isNull();
    }

    @Test
    void loadsTheChosenVariantAndSetsTheThreads() {
        Nd4jSetup.Settings settings = Nd4jSetup.configure();
        String expected = Nd4jSetup.chooseExtension(BuildInfo.nd4jExtension(), Nd4jSetup.cpuHasAvx2());
        assertThat(settings.extension()).isEqualTo(System.getProperty(Nd4jSetup.EXTENSION_PROPERTY, expected));
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        if (settings.onednn()) {
            assertThat(build).contains("HAVE_ONEDNN");
            // the helpers are on when a convolution layer really gets oneDNN's helper (DL4J drops it silently
            // when the switch is off or its lookup fails)
            var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(
                    new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list()
                            .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(2)
                                    .build())
                            .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(2).build())
                            .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(6, 6, 1))
                            .build());
            net.init();
            net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 6, 6));
            assertThat(net.getLayer(0).getHelper()).as("oneDNN's convolution helper").isNotNull();
            assertThat(net.getLayer(0).getHelper().getClass().getSimpleName()).contains("MKLDNN");
        }
        // (libnd4j's own pool is sized once, from OMP_NUM_THREADS when the library loads: 1 when Nd4jSetup loads it,
        // but another test of this JVM may have loaded it first, so only what configure sets itself is checked)
        assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()).isEqualTo(1);
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);

        Nd4jSetup.Settings two = Nd4jSetup.configure(2);
        assertThat(two.extension()).isEqualTo(settings.extension());
        assertThat(two.threads()).isEqualTo(2);
        assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()).isEqualTo(1);
        Nd4jSetup.configure(settings.threads());
        assertThatThrownBy(() -> Nd4jSetup.configure(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
