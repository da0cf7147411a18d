/**
 * Fast training of the pytorch/examples MNIST network ("mnist-net") on ND4J's native ops, without DL4J's layer
 * API: {@link atelier.train.fast.MnistNetTrainer} ({@code step}, {@code evaluate}, {@code output},
 * get/set parameters and updater state) and {@link atelier.train.fast.MnistTensors} (a dataset split as two
 * INDArrays built once, mini-batches gathered natively).
 *
 * <p>Call {@link atelier.nd4j.Nd4jSetup#configure(int)} before anything here touches ND4J.
 *
 * <h2>Why a hand-built step: measured figures</h2>
 * Training images/s of mnist-net (batch 64, 2 threads, 200 batches after 10 warm-up batches) on the 2-core AMD
 * EPYC development machine (AVX2 and AVX-512), which another workload shared, so single runs vary by 2x or more
 * with that machine's load; the figures are the better runs:
 * <ul>
 *   <li>DL4J MultiLayerNetwork as shipped (helpers disabled, Java im2col): 60–110
 *       ({@code -Dorg.eclipse.deeplearning4j.helpers.disable=true bench train --engine dl4j}).</li>
 *   <li>MultiLayerNetwork with oneDNN helpers working (Nd4jSetup plus the {@code Nd4jCpu} shim), workspaces
 *       ENABLED, PREFER_FASTEST, batches as prepared INDArrays: 310–360 ({@code bench train --engine dl4j}).
 *       Workspace mode NONE made no consistent difference.</li>
 *   <li>SameDiff graph with the same ops and Adadelta (TrainingConfig, {@code fit(DataSet)} per batch): 300–360.
 *       Its {@code dropoutInverted}/{@code dropout} ops have no gradient in M2.1 (masks had to be built from
 *       {@code random().bernoulli}), and it prints "Added differentiated op" lines on stdout.</li>
 *   <li>This hand-built step: first version (NCHW, libnd4j {@code relu_bp}) ~1,380; with ReLU and dropout
 *       backward folded into one mask applied before the max-pool ~1,420; with NHWC activations 1,590–1,710
 *       (step 33–35 ms at best, against 38–39 ms for NCHW in the same interleaved runs); 1,100 on 1 thread.</li>
 *   <li>The reference, /work/shared/bench/bench_torch.py (Debian's PyTorch 1.13, built with generic BLAS), run
 *       back to back with it on the same machine: 392–411 with 2 threads, 331 with 1. Ratio 3.9–4.3.</li>
 * </ul>
 * Where a step's time goes (NHWC, quiet moments): conv2 backward ~14.5 ms and forward ~6.7 ms (oneDNN),
 * conv1 backward ~3.4 ms, Adadelta over 1.2 M parameters ~3.5 ms, dense GEMMs ~4 ms, max-pool backward, masks
 * and the rest ~4 ms. One epoch of MNIST ({@code bench epoch}) reaches 98.4–98.5% test accuracy.
 */
package atelier.train.fast;
