package atelier.cli;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.actmax.ActivationStudy;
import atelier.analysis.actmax.ActmaxImages;
import atelier.analysis.actmax.Ascent;
import atelier.analysis.actmax.AscentSettings;
import atelier.analysis.actmax.AscentState;
import atelier.analysis.actmax.InputGradient;
import atelier.analysis.actmax.ProbedLayer;
import atelier.analysis.actmax.QualityStudy;
import atelier.analysis.actmax.StartImage;
import atelier.analysis.actmax.StepRule;
import atelier.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code actmax}: what each class (or unit) looks like to a run's network, by gradient ascent on the input. */
@Command(name = "actmax", mixinStandardHelpOptions = true,
        description = "Activation maximization: images that maximize a class logit, a dense unit or a convolution "
                + "channel of a run's best checkpoint; one PNG per image plus the gallery (and, for all classes, "
                + "the figure of test accuracy against image quality).")
public final class ActmaxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--class", defaultValue = "all", description = "all, or a class index (for the logits)")
    String classChoice;

    @Option(names = "--layer", description = "layer to maximize (default: the output layer's logits)")
    String layer;

    @Option(names = "--unit", description = "unit or channel of --layer (default 0)")
    Integer unit;

    @Option(names = "--steps", description = "ascent steps (default 200)")
    Integer steps;

    @Option(names = "--start", description = "zeros (black, the sheet's empty image), mean, gray, noise")
    String start;

    @Option(names = "--rule", description = "adam or plain")
    String rule;

    @Option(names = "--step-size", description = "step size (default 0.1 for Adam)")
    Double stepSize;

    @Option(names = "--l2", description = "L2 decay towards black")
    Double l2;

    @Option(names = "--tv", description = "total variation weight")
    Double tv;

    @Option(names = "--jitter", description = "random shift in pixels before each step")
    Integer jitter;

    @Option(names = "--rotation", description = "random rotation in degrees")
    Double rotation;

    @Option(names = "--scale", description = "random scaling, as a fraction")
    Double scale;

    @Option(names = "--blur-every", description = "blur every N steps (0: never)")
    Integer blurEvery;

    @Option(names = "--no-clip", description = "let pixels leave the range real pixels have")
    boolean noClip;

    @Option(names = "--seed", description = "seed of jitter, rotation, scale and noise")
    Long seed;

    @Option(names = "--judge", description = "a second, independently trained run that judges the images")
    String judge;

    @Option(names = "--out", required = true, description = "folder for the PNG files")
    Path out;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Workspace workspace = runOptions.workspace != null ? new Workspace(runOptions.workspace)
                : Workspace.defaultWorkspace();
        AnalyzedRun analyzed = runOptions.open(err);
        ActivationStudy study = ActivationStudy.of(workspace, analyzed);
        AscentSettings settings = settings();
        InputGradient gradient = study.gradient(layer);
        int[] units = units(gradient.layer(), study);
        Ascent ascent = study.ascent(gradient, units, settings, null);
        StderrProgress progress = new StderrProgress(err);
        long started = System.nanoTime();
        ascent.advance(settings.steps(), () -> false,
                state -> progress.update("ascent steps", state.step(), settings.steps()));
        AscentState result = ascent.quantized();
        double seconds = (System.nanoTime() - started) / 1e9;
        err.printf(Locale.ROOT, "%d images, %d steps in %.2f s (one batch)%n", units.length, settings.steps(), seconds);

        List<String> names = study.classNames();
        List<Map<String, Object>> rows = new ArrayList<>();
        float[][] written = new float[units.length][];
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < units.length; i++) {
            Path file = out.resolve(fileName(gradient.layer(), units[i], names));
            ActmaxImages.writeImage(file, result.images()[i], study.network().inputShape(), study.scale());
            written[i] = ActmaxImages.readPixels(file);
            files.add(file);
        }
        boolean logits = gradient.layer().kind() == ProbedLayer.Kind.LOGITS;
        float[][] readBack = study.network().dataShape().values() == written[0].length
                ? study.network().classify(written) : null;
        for (int i = 0; i < units.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (logits) {
                row.put("class", units[i]);
                row.put("name", names.get(units[i]));
                row.put("logit", result.values()[i]);
                row.put("probability", result.probability(i));
            } else {
                row.put("layer", gradient.layer().name());
                row.put("unit", units[i]);
                row.put("activation", result.values()[i]);
                row.put("predicted", result.predicted(i));
                row.put("probability", result.topProbability(i));
            }
            if (readBack != null) {
                int predicted = argMax(readBack[i]);
                row.put("readBackClass", predicted);
                row.put("readBackProbability", readBack[i][predicted]);
            }
            row.put("steps", settings.steps());
            row.put("seconds", seconds);
            row.put("file", files.get(i).toString());
            rows.add(row);
        }
        Path gallery = out.resolve("gallery.png");
        study.writeGallery(result, gallery);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", analyzed.folder().toString());
        doc.put("layer", gradient.layer().name());
        doc.put("kind", gradient.layer().kind().name().toLowerCase(Locale.ROOT));
        doc.put("settings", settings);
        doc.put("seconds", seconds);
        doc.put("gallery", gallery.toString());
        doc.put("images", rows);
        if (logits && units.length >= 3) {
            QualityStudy quality = study.quality(result, judge != null ? study.judge(workspace, judge) : null);
            Path figure = out.resolve("correlation.png");
            ActivationStudy.writeCorrelationFigure(quality, figure);
            doc.put("correlation", figure.toString());
            doc.put("quality", qualityDocument(quality));
            err.println(quality.summary());
        }
        if (json) {
            spec.commandLine().getOut().println(Json.write(doc));
        } else {
            var stdout = spec.commandLine().getOut();
            for (Map<String, Object> row : rows) {
                stdout.println(row);
            }
            stdout.println("gallery " + gallery);
        }
        return 0;
    }

    private AscentSettings settings() {
        AscentSettings s = AscentSettings.defaults();
        if (steps != null) {
            s = s.withSteps(steps);
        }
        if (start != null) {
            StartImage parsed = StartImage.parse(start);
            if (parsed == StartImage.IMAGE) {
                throw new IllegalArgumentException("--start image is for the window; use zeros, mean, gray or noise");
            }
            s = s.withStart(parsed);
        }
        if (rule != null || stepSize != null) {
            StepRule parsedRule = rule != null ? StepRule.parse(rule) : s.rule();
            s = s.withRule(parsedRule, stepSize != null ? stepSize : parsedRule == StepRule.PLAIN ? 1.0 : s.stepSize());
        }
        if (l2 != null) {
            s = s.withL2(l2);
        }
        if (tv != null) {
            s = s.withTv(tv);
        }
        if (jitter != null || rotation != null || scale != null) {
            s = s.withTransforms(jitter != null ? jitter : s.jitter(), rotation != null ? rotation : s.rotation(),
                    scale != null ? scale : s.scale());
        }
        if (blurEvery != null) {
            s = s.withBlur(blurEvery, s.blurSigma());
        }
        if (noClip) {
            s = s.withClip(false);
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        return s;
    }

    private int[] units(ProbedLayer probed, ActivationStudy study) {
        if (probed.kind() != ProbedLayer.Kind.LOGITS) {
            int chosen = unit != null ? unit : 0;
            probed.checkUnit(chosen);
            return new int[] {chosen};
        }
        if (unit != null) {
            throw new IllegalArgumentException("--unit is for --layer; for the output layer use --class");
        }
        if ("all".equalsIgnoreCase(classChoice.trim())) {
            return study.allClasses();
        }
        int chosen;
        try {
            chosen = Integer.parseInt(classChoice.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--class must be all or a class index, got '" + classChoice + "'");
        }
        probed.checkUnit(chosen);
        return new int[] {chosen};
    }

    private static String fileName(ProbedLayer probed, int unit, List<String> names) {
        if (probed.kind() == ProbedLayer.Kind.LOGITS && unit < names.size()) {
            return String.format(Locale.ROOT, "class-%d-%s.png", unit,
                    names.get(unit).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        }
        return String.format(Locale.ROOT, "%s-unit-%d.png", probed.name().replaceAll("[^A-Za-z0-9_]+", "-"), unit);
    }

    /** The quality study with missing measures as null: JSON has no NaN. */
    private static Map<String, Object> qualityDocument(QualityStudy quality) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("judge", quality.judgeName());
        doc.put("judgeRho", finite(quality.judgeRho()));
        doc.put("meanCorrelationRho", finite(quality.meanCorrelationRho()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QualityStudy.ClassQuality row : quality.classes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("class", row.unit());
            entry.put("name", row.name());
            entry.put("accuracy", finite(row.accuracy()));
            entry.put("probability", finite(row.probability()));
            entry.put("judgeProbability", finite(row.judgeProbability()));
            entry.put("meanCorrelation", finite(row.meanCorrelation()));
            rows.add(entry);
        }
        doc.put("classes", rows);
        doc.put("summary", quality.summary());
        return doc;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int c = 1; c < values.length; c++) {
            if (values[c] > values[best]) {
                best = c;
            }
        }
        return best;
    }
}
