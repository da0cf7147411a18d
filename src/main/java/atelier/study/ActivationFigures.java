package atelier.study;

import atelier.analysis.actmax.ActivationStudy;
import atelier.analysis.actmax.Ascent;
import atelier.analysis.actmax.AscentSettings;
import atelier.analysis.actmax.AscentState;
import atelier.analysis.actmax.InputGradient;
import atelier.analysis.actmax.QualityStudy;
import atelier.analysis.actmax.RunNetwork;
import atelier.report.FigureRequest;
import atelier.report.ReportRun;
import atelier.report.StudyFigure;
import java.util.HashMap;
import java.util.Map;

/**
 * Sheet 1, question 3: the activation-maximization gallery of the baseline (one image per class, the logits
 * maximized from an empty image with the feature's default settings) and the per-class test accuracy against the
 * quality of those images. The ascent runs once per run and report, and both figures show the same images. The
 * second run of the quality slot (the batch-normalization run in the sheet) is the independent judge. A slot's
 * option {@code steps=N} takes N ascent steps instead of the default settings' (for quick studies and tests).
 */
final class ActivationFigures {
    private final StudyFigures shared;
    private final Map<String, Computed> computed = new HashMap<>();

    private record Computed(ActivationStudy study, AscentState images, AscentSettings settings) {
    }

    ActivationFigures(StudyFigures shared) {
        this.shared = shared;
    }

    StudyFigure gallery() {
        return new StudyFigure() {
            @Override
            public String name() {
                return "activation-maximization";
            }

            @Override
            public String draw(FigureRequest request) {
                ReportRun run = StudyFigures.firstRun(request);
                Computed c = images(run, request.slot().option());
                c.study().writeGallery(c.images(), request.image());
                return request.slot().title() + ": " + String.format("run %s: for each class, the input that maximizes "
                        + "its logit after %d steps from %s, with the probability the run gives it and the class's "
                        + "test accuracy.", run.record().id(), c.settings().steps(),
                        c.settings().start().name().toLowerCase(java.util.Locale.ROOT) + " start");
            }
        };
    }

    StudyFigure accuracyAgainstQuality() {
        return new StudyFigure() {
            @Override
            public String name() {
                return "accuracy-vs-quality";
            }

            @Override
            public String draw(FigureRequest request) {
                ReportRun run = StudyFigures.firstRun(request);
                Computed c = images(run, request.slot().option());
                ReportRun judgeRun = request.runs().size() > 1 ? request.runs().get(1) : null;
                RunNetwork judge = judgeRun == null ? null
                        : c.study().judge(shared.workspace(), judgeRun.folder().toString());
                QualityStudy quality = c.study().quality(c.images(), judge);
                ActivationStudy.writeCorrelationFigure(quality, request.image());
                return request.slot().title() + ": run " + run.record().id() + (judgeRun == null ? "" : ", judged by run "
                        + judgeRun.record().id() + " (" + judgeRun.label() + ")") + ". " + quality.summary();
            }
        };
    }

    private synchronized Computed images(ReportRun run, String option) {
        AscentSettings settings = AscentSettings.defaults();
        if (option != null && option.startsWith("steps=")) {
            settings = settings.withSteps(Integer.parseInt(option.substring("steps=".length()).trim()));
        }
        String key = run.folder().toAbsolutePath().normalize() + "|" + settings.steps();
        Computed done = computed.get(key);
        if (done == null) {
            ActivationStudy study = ActivationStudy.of(shared.workspace(), shared.open(run));
            InputGradient logits = study.gradient(null);
            Ascent ascent = study.ascent(logits, study.allClasses(), settings, null);
            ascent.advance(settings.steps(), () -> false, state -> { });
            done = new Computed(study, ascent.quantized(), settings);
            computed.put(key, done);
        }
        return done;
    }
}
