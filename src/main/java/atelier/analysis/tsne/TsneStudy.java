package atelier.analysis.tsne;

import atelier.analysis.AnalyzedRun;
import atelier.data.Split;
import atelier.task.Progress;

/**
 * Makes the t-SNE map of a run's layer: features, map, and its quality (10-NN accuracies, trustworthiness on a
 * 2,000-point subsample). {@link TsneCache} keeps the result in the run's folder.
 */
public final class TsneStudy {
    public static final int TRUSTWORTHINESS_SAMPLE = 2000;

    private TsneStudy() {
    }

    /** The cached map when there is one for these settings, else a freshly computed one (then cached). */
    public static TsneMap openOrCompute(AnalyzedRun run, String layer, Split split, int limit,
                                        TsneParameters parameters, Progress progress, MapListener listener) {
        String name = layer == null || layer.isBlank() ? LayerFeatures.defaultLayer(run) : layer;
        TsneMap cached = TsneCache.load(run.folder(), name, split, limit, parameters);
        if (cached != null) {
            return cached;
        }
        TsneMap map = compute(run, name, split, limit, parameters, progress, listener);
        TsneCache.save(run.folder(), limit, parameters, map);
        return map;
    }

    public static TsneMap compute(AnalyzedRun run, String layer, Split split, int limit, TsneParameters parameters,
                                  Progress progress, MapListener listener) {
        LayerFeatures.Extracted features = LayerFeatures.extract(run, layer, split, limit, parameters.seed(),
                progress);
        return compute(features, parameters, progress, listener);
    }

    public static TsneMap compute(LayerFeatures.Extracted features, TsneParameters parameters, Progress progress,
                                  MapListener listener) {
        int n = features.size();
        TsneResult result = Tsne.run(features.values(), n, features.dims(), parameters, progress, listener);
        progress.update("scoring the map", 0, 1);
        double featureAccuracy = MapQuality.knnAccuracy(result.neighbors(), features.labels(), MapQuality.VOTERS);
        double mapAccuracy;
        try (ParallelWork work = new ParallelWork(parameters.threads())) {
            Neighbors inMap = MapQuality.mapNeighbors(result.map(), n, MapQuality.VOTERS, work);
            mapAccuracy = MapQuality.knnAccuracy(inMap, features.labels(), MapQuality.VOTERS);
        }
        int sample = Math.min(n, TRUSTWORTHINESS_SAMPLE);
        double trust = sample > 2 * MapQuality.VOTERS + 1 ? MapQuality.trustworthiness(features.values(),
                features.dims(), result.map(), n, MapQuality.VOTERS, sample, parameters.seed()) : Double.NaN;
        progress.update("scoring the map", 1, 1);
        int[] nearest = new int[n * MapQuality.VOTERS];
        int used = Math.min(MapQuality.VOTERS, result.neighbors().k());
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < MapQuality.VOTERS; r++) {
                nearest[i * MapQuality.VOTERS + r] = result.neighbors().index(i, Math.min(r, used - 1));
            }
        }
        TsneMap.Summary summary = new TsneMap.Summary(n, features.dims(), parameters.key(), features.seconds(),
                result.neighborsSeconds(), result.affinitiesSeconds(), result.optimizationSeconds(),
                result.klDivergence(), featureAccuracy, mapAccuracy, trust, sample, result.lastBoxes(),
                result.exactRepulsion());
        return new TsneMap(features.layer(), features.split(), features.indices(), features.labels(),
                features.predicted(), result.map(), nearest, summary);
    }
}
