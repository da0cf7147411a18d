/**
 * Dataset splits as ND4J tensors for benchmarks: {@link atelier.train.fast.MnistTensors} (a split as two INDArrays
 * built once, mini-batches gathered natively). The hand-built mnist-net step that lived here became the general
 * engine of {@link atelier.engine}, which trains every architecture and recipe.
 *
 * <p>Call {@link atelier.nd4j.Nd4jSetup#configure(int)} before anything here touches ND4J.
 */
package atelier.train.fast;
