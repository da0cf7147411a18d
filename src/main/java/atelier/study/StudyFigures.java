package atelier.study;

import atelier.analysis.AnalyzedRun;
import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.report.FigureRequest;
import atelier.report.Figures;
import atelier.report.ReportRun;
import atelier.task.Progress;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The figures a study report takes from the analysis features (augmentation preview, t-SNE, activation
 * maximization, architecture search), registered by slot name next to the report's built-in ones. They open runs on their dataset as
 * published (an in-memory label journal), as the study trained them, and share what they open while one report is
 * made: a dataset is loaded once, a run's network once.
 */
public final class StudyFigures {
    private final Workspace workspace;
    private final Map<String, Dataset> datasets = new HashMap<>();
    private final Map<Path, AnalyzedRun> runs = new HashMap<>();

    StudyFigures(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The report's built-in figures and the analysis figures, for studies in {@code workspace}. */
    public static Figures standard(Workspace workspace) {
        StudyFigures shared = new StudyFigures(workspace);
        ActivationFigures activation = new ActivationFigures(shared);
        return Figures.standard()
                .register(new AugmentationFigure(shared))
                .register(new TsneFigure(shared))
                .register(activation.gallery())
                .register(activation.accuracyAgainstQuality())
                .register(new SearchFigure(shared));
    }

    Workspace workspace() {
        return workspace;
    }

    synchronized Dataset dataset(String spec) {
        return datasets.computeIfAbsent(spec, s -> DatasetLoader.load(s, Progress.NONE));
    }

    /** A run opened for analysis on its dataset as published. */
    synchronized AnalyzedRun open(ReportRun run) {
        Path key = run.folder().toAbsolutePath().normalize();
        AnalyzedRun opened = runs.get(key);
        if (opened == null) {
            LabelView view = new LabelView(dataset(run.record().spec().dataset()), LabelJournal.inMemory());
            opened = AnalyzedRun.open(run.folder(), run.record(), view);
            runs.put(key, opened);
        }
        return opened;
    }

    /** The slot's first run, or an exception that becomes the figure's "not available" reason. */
    static ReportRun firstRun(FigureRequest request) {
        if (request.runs().isEmpty()) {
            throw new IllegalStateException("step " + String.join(", ", request.slot().steps())
                    + " has no run yet");
        }
        return request.runs().get(0);
    }
}
