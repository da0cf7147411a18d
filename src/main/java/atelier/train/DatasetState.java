package atelier.train;

/**
 * The data a run saw: the dataset as loaded and the state of its label journal then (so that a run on cleaned
 * data can be told from one on the original labels, and repeated), and the pixel statistics its inputs were
 * normalized with, which analysis of its checkpoints must use again.
 */
public record DatasetState(String spec, String name, String source, String journal, int journalEdits,
                           int trainImages, int testImages, int excludedTrainImages, int relabelledTrainImages,
                           float pixelMean, float pixelStd) {
}
