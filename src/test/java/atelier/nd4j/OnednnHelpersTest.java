package atelier.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DL4J's layers get their oneDNN helpers: proof that Nd4jSetup and the Nd4jCpu lookup shim work together. */
class OnednnHelpersTest {
    private static Nd4jSetup.Settings settings;

    @BeforeAll
    static void setUp() {
        settings = Nd4jSetup.configure();
    }

    @Test
    void dl4jSeesOnednn() {
        assumeTrue(settings.onednn(), "the generic ND4J build has no oneDNN");
        assertThat(BaseMKLDNNHelper.mklDnnEnabled()).isTrue();
    }

    @Test
    void convolutionAndPoolingLayersUseTheOnednnHelpers() {
        assumeTrue(settings.onednn(), "the generic ND4J build has no oneDNN");
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(4).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        var conv = (org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0);
        var pool = (org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer) net.getLayer(1);
        assertThat(conv.getHelper()).isInstanceOf(MKLDNNConvHelper.class);
        assertThat(pool.getHelper()).isInstanceOf(MKLDNNSubsamplingHelper.class);
    }
}
