/**
 * Activation maximization: gradient ascent on the input image until a chosen unit of a trained network (a class's
 * logit before the softmax, a unit of a dense layer, or the mean of a convolution channel) is as large as it gets,
 * with the regularizers that keep a 28×28 grey image looking like an image (L2 decay, total variation, jitter,
 * rotation and scale, blur, clipping to the range real pixels have). The whole gallery (one image per class) is one
 * batch.
 *
 * <p>How the pieces fit: an {@link atelier.analysis.actmax.InputGradient} gives the gradient of a unit with respect
 * to the input ({@link atelier.analysis.actmax.ProbeInputGradient} on the engine's probe, the default;
 * {@link atelier.analysis.actmax.Dl4jInputGradient} for any other DL4J network, through a probe copy built
 * by {@link atelier.analysis.actmax.ProbeNetworks}); an {@link atelier.analysis.actmax.Ascent} holds the images and
 * the step rule's state and advances them step by step (so a user can stop and continue);
 * {@link atelier.analysis.actmax.AscentSettings} are its parameters; {@link atelier.analysis.actmax.QualityStudy}
 * answers exercise sheet 1's question (does a class's test accuracy follow the quality of its image?) with
 * measures the maximized network does not compute; {@link atelier.analysis.actmax.ActivationStudy} is the entry
 * point that the command line and reports use. No JavaFX here.
 */
package atelier.analysis.actmax;
