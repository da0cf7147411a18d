/**
 * The Activation tab: activation maximization of a run live (the image as it evolves, the unit's activation and
 * the class probability over the steps, Start/Stop/Continue), the gallery of every class with its probability and
 * test accuracy (a click opens the class in the Diagnosis tab), and the figure that answers whether a class's
 * accuracy follows the quality of its image. {@link atelier.ui.activation.ActivationViewModel} holds the state and
 * runs the ascent on its own worker thread; {@link atelier.ui.activation.ActivationView} lays it out.
 */
package atelier.ui.activation;
