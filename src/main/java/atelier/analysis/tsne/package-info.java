/**
 * t-SNE maps of a network's feature vectors, fast enough for all 60,000 MNIST training images, laid out in the
 * steps openTSNE and FIt-SNE use:
 * <ol>
 *   <li>{@link atelier.analysis.tsne.ExactNeighbors}: the k = 3·perplexity nearest neighbours of every point, exact,
 *       by blocked matrix products on ND4J;</li>
 *   <li>{@link atelier.analysis.tsne.PerplexityCalibration}: a Gaussian per point whose precision is found by
 *       bisection so that its entropy is log(perplexity);</li>
 *   <li>{@link atelier.analysis.tsne.SparseAffinities}: the symmetrized, normalized sparse P;</li>
 *   <li>{@link atelier.analysis.tsne.PcaInitialization}: the first two principal components, scaled to a standard
 *       deviation of 1e-4;</li>
 *   <li>{@link atelier.analysis.tsne.GradientDescent}: early exaggeration then the plain objective, with momentum
 *       and gains; attraction over P's non-zeros ({@link atelier.analysis.tsne.AttractiveForces}) and repulsion
 *       exact for small maps ({@link atelier.analysis.tsne.ExactRepulsion}) or by FFT-accelerated interpolation
 *       (Linderman et al. 2019, {@link atelier.analysis.tsne.InterpolatedRepulsion}).</li>
 * </ol>
 * {@link atelier.analysis.tsne.Tsne} runs the steps; {@link atelier.analysis.tsne.MapQuality} scores a map;
 * {@link atelier.analysis.tsne.LayerFeatures} gets feature vectors from a run's checkpoint;
 * {@link atelier.analysis.tsne.TsneCache} keeps finished maps in the run's folder. Nothing here imports JavaFX.
 */
package atelier.analysis.tsne;
