package atelier.analysis.tsne;

import atelier.data.Split;

/**
 * A map of one layer's features for one split, ready to show or export.
 *
 * @param indices          dataset indices (within the split) of the points
 * @param labels           labels when the map was made (the tab refreshes them from the label journal)
 * @param predicted        the checkpoint's predictions
 * @param map              [point * 2 + axis]
 * @param featureNeighbors [point * {@link MapQuality#VOTERS} + rank]: nearest points in feature space
 */
public record TsneMap(String layer, Split split, int[] indices, int[] labels, int[] predicted, float[] map,
                      int[] featureNeighbors, Summary summary) {

    /**
     * What was computed and how long it took.
     *
     * @param parameters           {@link TsneParameters#key()}
     * @param featureKnnAccuracy   10-NN class accuracy of the features
     * @param mapKnnAccuracy       10-NN class accuracy in the map
     * @param trustworthiness      at 10 neighbours, on a subsample of {@code trustworthinessSample} points
     */
    public record Summary(int points, int dims, String parameters, double featuresSeconds, double neighborsSeconds,
                          double affinitiesSeconds, double optimizationSeconds, double klDivergence,
                          double featureKnnAccuracy, double mapKnnAccuracy, double trustworthiness,
                          int trustworthinessSample, int interpolationBoxes, boolean exactRepulsion) {
        /** Features, neighbours and optimization: the end-to-end time of making the map. */
        public double totalSeconds() {
            return featuresSeconds + neighborsSeconds + affinitiesSeconds + optimizationSeconds;
        }
    }

    public int size() {
        return indices.length;
    }

    /** Points whose label fewer than half of their 10 feature-space neighbours share, under {@code labels}. */
    public int[] disagreeing(int[] currentLabels) {
        Neighbors neighbors = new Neighbors(size(), MapQuality.VOTERS, featureNeighbors,
                new float[featureNeighbors.length]);
        return MapQuality.disagreeing(neighbors, currentLabels, MapQuality.VOTERS);
    }
}
