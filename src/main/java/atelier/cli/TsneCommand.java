package atelier.cli;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.tsne.LayerFeatures;
import atelier.analysis.tsne.MapFigure;
import atelier.analysis.tsne.MapListener;
import atelier.analysis.tsne.TsneCache;
import atelier.analysis.tsne.TsneMap;
import atelier.analysis.tsne.TsneParameters;
import atelier.analysis.tsne.TsneStudy;
import atelier.data.AtomicFiles;
import atelier.data.Split;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tsne}: the t-SNE map of a dense layer's features of a run's best checkpoint, as CSV (and PNG). */
@Command(name = "tsne", mixinStandardHelpOptions = true,
        description = "t-SNE map of a dense layer's features (default the penultimate, fc1) of a run's best "
                + "checkpoint, with its 10-NN accuracies and trustworthiness; CSV index,x,y,label,predicted.")
public final class TsneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--layer", description = "dense layer name (default: the penultimate, fc1 for mnist-net)")
    String layer;

    @Option(names = "--split", defaultValue = "train", description = "train or test")
    String split;

    @Option(names = "--limit", defaultValue = "0", description = "a random subset of this many images (0 = all)")
    int limit;

    @Option(names = "--perplexity", defaultValue = "30")
    double perplexity;

    @Option(names = "--iterations", defaultValue = "750")
    int iterations;

    @Option(names = "--early-iterations", defaultValue = "250", description = "iterations with early exaggeration")
    int earlyIterations;

    @Option(names = "--exaggeration", defaultValue = "12")
    double exaggeration;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--fresh", description = "compute even when the run's folder holds this map already")
    boolean fresh;

    @Option(names = "--out", required = true, description = "CSV file to write")
    Path out;

    @Option(names = "--png", description = "also write the map as a figure (PNG)")
    Path png;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 (all) or positive, got " + limit);
        }
        TsneParameters parameters = TsneParameters.defaults().withPerplexity(perplexity).withIterations(iterations)
                .withEarlyIterations(earlyIterations).withExaggeration(exaggeration).withSeed(seed)
                .withThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        Split chosen = Split.parse(split);
        AnalyzedRun run = runOptions.open(err);
        StderrProgress progress = new StderrProgress(err);
        long started = System.nanoTime();
        String name = layer == null || layer.isBlank() ? LayerFeatures.defaultLayer(run) : layer;
        TsneMap cached = fresh ? null : TsneCache.load(run.folder(), name, chosen, limit, parameters);
        TsneMap map = cached;
        if (map == null) {
            map = TsneStudy.compute(run, name, chosen, limit, parameters, progress, MapListener.NONE);
            TsneCache.save(run.folder(), limit, parameters, map);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        AtomicFiles.write(out, csv(map).getBytes(StandardCharsets.UTF_8));
        if (png != null) {
            String title = run.record().spec().architecture() + " " + map.layer() + " · " + run.dataset().name()
                    + " " + chosen.key();
            MapFigure.writePng(MapFigure.render(map, map.labels(), run.dataset().classes(), null, title, 1600, 1200),
                    png);
        }
        TsneMap.Summary s = map.summary();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("run", run.folder().toString());
            doc.put("layer", map.layer());
            doc.put("split", chosen.key());
            doc.put("points", s.points());
            doc.put("dims", s.dims());
            doc.put("parameters", s.parameters());
            doc.put("threads", parameters.threads());
            doc.put("fromCache", cached != null);
            Map<String, Object> seconds = new LinkedHashMap<>();
            seconds.put("features", s.featuresSeconds());
            seconds.put("neighbours", s.neighborsSeconds());
            seconds.put("affinities", s.affinitiesSeconds());
            seconds.put("optimization", s.optimizationSeconds());
            seconds.put("endToEnd", s.totalSeconds());
            seconds.put("thisCommand", wall);
            doc.put("seconds", seconds);
            doc.put("klDivergence", s.klDivergence());
            doc.put("featureKnnAccuracy", s.featureKnnAccuracy());
            doc.put("mapKnnAccuracy", s.mapKnnAccuracy());
            doc.put("trustworthiness", s.trustworthiness());
            doc.put("trustworthinessSample", s.trustworthinessSample());
            doc.put("interpolationBoxes", s.interpolationBoxes());
            doc.put("csv", out.toString());
            if (png != null) {
                doc.put("png", png.toString());
            }
            spec.commandLine().getOut().println(Json.write(doc));
        } else {
            spec.commandLine().getOut().printf("%,d points of %s (%d values each) mapped in %.1f s (features %.1f, "
                            + "neighbours %.1f, affinities %.1f, optimization %.1f)%s; KL %.4f; 10-NN accuracy: "
                            + "features %.2f%%, map %.2f%%; trustworthiness@10 %.4f; wrote %s%n", s.points(),
                    map.layer(), s.dims(), s.totalSeconds(), s.featuresSeconds(), s.neighborsSeconds(),
                    s.affinitiesSeconds(), s.optimizationSeconds(), cached != null ? " (from the run's cache)" : "",
                    s.klDivergence(), 100 * s.featureKnnAccuracy(), 100 * s.mapKnnAccuracy(), s.trustworthiness(),
                    out);
        }
        return 0;
    }

    static String csv(TsneMap map) {
        StringBuilder text = new StringBuilder(map.size() * 32).append("index,x,y,label,predicted\n");
        for (int i = 0; i < map.size(); i++) {
            text.append(map.indices()[i]).append(',').append(map.map()[2 * i]).append(',')
                    .append(map.map()[2 * i + 1]).append(',').append(map.labels()[i]).append(',')
                    .append(map.predicted()[i]).append('\n');
        }
        return text.toString();
    }
}
