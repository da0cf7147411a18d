import atelier.nd4j.Nd4jSetup;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ceiling that libnd4j's oneDNN convolutions put on the encoder (and resnet) on this machine: the time of each
 * of the encoder's convolutions alone, forward and backward (conv2d, conv2d_bp, NHWC, the engine's arguments), for
 * one batch (64 unless given), summed into the best images/s any engine built on these kernels could reach, and their rate in
 * GFLOP/s beside that of a large single-precision matrix product. PyTorch 1.13's CPU convolutions are oneDNN's too.
 *
 * <pre>java -cp 'target/atelier.jar:target/lib/*' src/bench/ConvCeiling.java [THREADS] [REPEATS] [BATCH]</pre>
 */
public final class ConvCeiling {
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Nd4jSetup.configure(threads);
        // the encoder's convolutions: {input channels, size}, 32 filters 3x3 each, same padding
        int[][] convs = {{1, 28}, {32, 28}, {32, 28}, {32, 14}, {32, 14}, {32, 7}, {32, 7}};
        double totalMs = 0;
        double totalFlop = 0;
        for (int[] conv : convs) {
            int in = conv[0];
            int size = conv[1];
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, size, size, in);
            INDArray w = Nd4j.rand(DataType.FLOAT, 32, in, 3, 3);
            INDArray b = Nd4j.rand(DataType.FLOAT, 32);
            INDArray y = Nd4j.create(DataType.FLOAT, batch, size, size, 32);
            INDArray dx = x.ulike();
            INDArray dw = w.ulike();
            INDArray db = b.ulike();
            int[] arguments = {3, 3, 1, 1, 0, 0, 1, 1, 1, 1, 1};
            Runnable step = () -> {
                Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w, b).addOutputs(y)
                        .addIntegerArguments(arguments).build());
                Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, y).addOutputs(dx, dw, db)
                        .addIntegerArguments(arguments).build());
            };
            for (int i = 0; i < repeats / 4; i++) {
                step.run();
            }
            long start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                step.run();
            }
            double ms = (System.nanoTime() - start) / 1e6 / repeats;
            // forward, input gradient (not for the first layer, whose input needs none: counted anyway, as the
            // op computes it) and weight gradient: three products of the same size
            double flop = 3.0 * 2 * batch * size * size * 32 * in * 9;
            totalMs += ms;
            totalFlop += flop;
            System.out.printf(Locale.ROOT, "conv %2d->32 at %2dx%-2d  %7.2f ms  %6.1f GFLOP/s%n", in, size, size, ms,
                    flop / ms / 1e6);
        }
        System.out.printf(Locale.ROOT, "encoder's convolutions, forward and backward: %.2f ms per batch of %d, "
                + "%.1f GFLOP/s, at most %.0f images/s%n", totalMs, batch, totalFlop / totalMs / 1e6,
                batch * 1000 / totalMs);
        int m = 1024;
        INDArray a = Nd4j.rand(DataType.FLOAT, m, m);
        INDArray c = Nd4j.rand(DataType.FLOAT, m, m);
        INDArray out = Nd4j.create(DataType.FLOAT, m, m);
        for (int i = 0; i < 5; i++) {
            a.mmuli(c, out);
        }
        long start = System.nanoTime();
        int products = 40;
        for (int i = 0; i < products; i++) {
            a.mmuli(c, out);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "matrix product %dx%d: %.1f GFLOP/s on %d threads%n", m, m,
                2.0 * m * m * m * products / seconds / 1e9, threads);
    }
}
