/**
 * The t-SNE tab: a map of a run's layer features (sheet 1, question 2). {@link atelier.ui.tsne.TsneViewModel} holds
 * the parameters, runs the computation in the background and coalesces the live map for the screen, and turns lasso
 * selections into label-journal edits; {@link atelier.ui.tsne.TsneView} lays it out and {@link
 * atelier.ui.tsne.MapCanvas} draws the points into a pixel buffer so that 60,000 of them pan and zoom smoothly.
 */
package atelier.ui.tsne;
