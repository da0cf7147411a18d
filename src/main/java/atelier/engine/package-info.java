/**
 * Atelier's training engine: every architecture of the catalogue (and every custom layer list) trained and probed
 * on ND4J's native ops, with the DL4J network built from the same layer list as checkpoint format and test oracle.
 *
 * <h2>The pieces, in the order a step uses them</h2>
 * <ul>
 *   <li>{@link atelier.engine.NetworkBuilder} turns an {@code Architecture}'s {@code LayerSpec} list into an
 *       {@link atelier.engine.EngineNetwork}: a chain of layers (convolution with any kernel, stride, SAME or
 *       VALID padding; max-pooling with floor; batch normalization; dense; inverted dropout with PyTorch's drop
 *       rate; residual blocks; the nonlinearities of {@code Nonlinearity}) ending in a dense output layer with
 *       softmax cross-entropy. Layers carry the names of the DL4J network's layers (conv1, bn1, fc1, res1_conv1,
 *       output; VGG16's Keras names), and VGG16 is built from the same pieces as the zoo's graph, dropout on the
 *       inputs of fc1 and fc2 included.</li>
 *   <li>{@link atelier.engine.EngineNetwork} holds one flat parameter vector, one flat gradient vector of the same
 *       layout and one vector of batch-norm running statistics; each layer works on views of them. Activations
 *       are NHWC (channels last: oneDNN's convolutions and libnd4j's pooling backward are faster on it), buffers
 *       are allocated once per batch size (three sizes are cached: the training batch, the last partial batch,
 *       the evaluation chunk), so a step allocates almost nothing. {@code computeGradients} runs forward in
 *       training mode and backward to the lowest trainable layer; {@code probabilities} runs inference in chunks
 *       that bound the memory. Frozen layers ({@code freezeAllButOutput}) are a prefix: they run in inference
 *       mode, get no gradient and no backward, and the optimizer sees only the trainable tail of the vector.</li>
 *   <li>{@link atelier.engine.FlatOptimizer}: Adadelta and Adam on ND4J's updater ops ({@code ada_delta_updater},
 *       {@code adam_updater}, with PyTorch's ε placement), SGD with PyTorch's momentum (and Nesterov) on BLAS
 *       calls, optional L2 weight decay; the training loop sets the learning rate per epoch (step decay).</li>
 *   <li>{@link atelier.engine.Dl4jWeights} copies weights to and from the DL4J network by layer name (dense rows
 *       permuted between DL4J's (channel, row, column) flattening and the engine's (row, column, channel); DL4J's
 *       log10 standard deviation of batch norm converted to a variance). {@link atelier.engine.EngineCheckpoint}
 *       adds the engine's description and optimizer state to a checkpoint zip under {@code atelier/}, beside a
 *       plain DL4J model that a DL4J program without Atelier's classes loads.</li>
 *   <li>{@link atelier.engine.NetworkProbe}, for analysis: {@code NetworkProbe.open(best.zip)} gives
 *       {@code activations("fc1", features)} (any named layer, a whole split in batches, DL4J's layout) and
 *       {@code inputGradient("output", classIndex, images)} (the gradient of a logit, or of any unit of a named
 *       layer, with respect to a batch of input images), both in inference mode.</li>
 *   <li>Data parallelism: a network built with several shards ({@code NetworkBuilder.build(..., shards)}; a run
 *       gets one per core it may use) cuts each batch into slices and runs them at once on
 *       {@code Replica}s, copies of the layers that share the parameters and running statistics,
 *       each with its own gradients and buffers, one thread each ({@code Shards}). The slices'
 *       gradients are added; batch normalization adds its sums across the slices
 *       ({@code ShardExchange}), so the split step computes the unsplit one; the optimizer step and
 *       inference are cut the same way. ND4J itself runs one native thread per Java thread
 *       ({@code atelier.nd4j.Nd4jSetup}): at batch 64 two slices on two cores beat one op on two threads.</li>
 * </ul>
 * The run-facing adapter is {@code atelier.train.EngineTrainableModel}; {@code CatalogModelFactory} gives it to
 * every run unless {@code --engine dl4j} asks for DL4J's own training path.
 *
 * <h2>Exactness tricks kept from the first, mnist-net-only step</h2>
 * ReLU's backward is a step function and a multiply ({@code relu_bp} was 2-3× slower); where a ReLU feeds a
 * max-pool, the ReLU's gate is applied to the pooled gradient instead of the full map (exact, because max-pool
 * routes each gradient to its window's maximum, which passes the ReLU iff the pooled value is positive).
 *
 * <h2>Portability</h2>
 * Only ops that nd4j-cuda has too: {@code conv2d(_bp)}, {@code maxpool2d(_bp)}, {@code log_softmax},
 * {@code softmax}, the updater ops, GEMM, broadcasts, reductions and random Bernoulli. Nothing assumes the CPU.
 *
 * <h2>How it is checked</h2>
 * {@code EngineGradientTest}: loss, parameter gradients (per tensor) and input gradients against DL4J for one
 * small network per layer kind and for every catalogue architecture; {@code NetworkProbeTest}: activations against
 * DL4J's {@code feedForwardToLayer}, input gradients against finite differences; {@code FlatOptimizerTest}: each
 * optimizer against hand-computed steps; {@code EngineTrainableModelTest}: checkpoint round trips through DL4J for
 * every architecture, frozen layers bit-identical, resuming, resizing; {@code ShardedNetworkTest}: a batch split across
 * threads gives the loss, gradients, running statistics, predictions and input gradients of the unsplit batch.
 *
 * <h2>Speed</h2>
 * Paired runs against PyTorch 1.13 on a quiet 2-core Intel Xeon ({@code src/bench/engine_vs_torch.sh 2 1}: batch 64,
 * 2 threads, two alternating pairs per row). Row · engine img/s · PyTorch img/s · ratio:
 * <ul>
 *   <li>mnist-net, Adadelta · 1,154, 962 · 327, 277 · 3.53, 3.47</li>
 *   <li>mnist-net-bn, Adadelta · 736, 821 · 241, 284 · 3.05, 2.89</li>
 *   <li>encoder, Adadelta · 946, 791 · 747, 732 · 1.27, 1.08</li>
 *   <li>resnet, Adadelta · 849, 881 · 810, 656 · 1.05, 1.34</li>
 *   <li>mnist-net, all but last frozen · 3,571, 3,726 · 692, 734 · 5.16, 5.08</li>
 *   <li>mnist-net, Adam · 1,235, 1,200 · 307, 301 · 4.02, 3.99</li>
 *   <li>vgg16 at 32x32, Adadelta · 43.4, 51.0 · 17.3, 17.4 · 2.50, 2.92</li>
 * </ul>
 * On an AMD EPYC the ratios were much the same (encoder 1.21-1.24, resnet 1.22-1.28). Splitting the batch across
 * the cores lifted the encoder from 0.80-1.01x; freezing pays as it should (no backward below the output layer).
 * The encoder and resnet are four fifths 3×3 convolutions, which both engines hand to oneDNN and on which both spend
 * about the same time ({@code DNNL_VERBOSE=1}: 44.2 ms of Atelier's step, 41.3 ms of PyTorch's, one thread, 32
 * images): there the kernels set the pace, not the engine around them ({@code src/bench/ConvCeiling.java} times
 * those convolutions alone). The first convolution skips the input gradient that {@code conv2d_bp} would compute
 * ({@code PatchWeightGradient}).
 */
package atelier.engine;
