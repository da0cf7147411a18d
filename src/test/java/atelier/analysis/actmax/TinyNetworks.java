package atelier.analysis.actmax;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A small seeded 28×28 classifier (conv, pool, dense, output), so that ascent tests take seconds, not minutes. */
final class TinyNetworks {
    static final long[] SHAPE = {1, 28, 28};
    static final PixelScale FASHION = new PixelScale(0.286f, 0.353f);

    private TinyNetworks() {
    }

    static MultiLayerNetwork classifier(long seed) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .dataType(DataType.FLOAT)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).name("conv1").build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .name("pool1").build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).name("fc1").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).name("output").build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
        network.init();
        return network;
    }

    static int[] allClasses() {
        return new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    }
}
