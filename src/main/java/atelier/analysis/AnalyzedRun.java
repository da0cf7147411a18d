package atelier.analysis;

import atelier.data.Dataset;
import atelier.data.DatasetLoader;
import atelier.data.LabelView;
import atelier.data.Split;
import atelier.model.ArchitectureCatalog;
import atelier.model.Checkpoints;
import atelier.model.InputAdapter;
import atelier.model.InputShape;
import atelier.model.ModelOptions;
import atelier.task.Progress;
import atelier.train.Dl4jTrainableModel;
import atelier.train.CatalogModelFactory;
import atelier.train.EngineTrainableModel;
import atelier.model.Architecture;
import atelier.model.BuiltModel;
import atelier.model.Resize;
import atelier.train.RunRecord;
import atelier.train.RunSpec;
import atelier.train.RunStore;
import atelier.train.TrainableModel;
import atelier.train.TrainingData;
import atelier.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A finished run opened for study: its best checkpoint, and its dataset with the label journal as it is now,
 * normalized as the run was, so that predictions match what the run measured.
 */
public final class AnalyzedRun {
    private static final int BATCH = 1000;

    private final Path folder;
    private final RunRecord record;
    private final LabelView view;
    private final TrainableModel model;
    private final TrainingData data;

    private AnalyzedRun(Path folder, RunRecord record, LabelView view, TrainableModel model, TrainingData data) {
        this.folder = folder;
        this.record = record;
        this.view = view;
        this.model = model;
        this.data = data;
    }

    /** Opens {@code run} (a folder, or a run name in the workspace) with a freshly loaded dataset. */
    public static AnalyzedRun open(Workspace workspace, String run, Progress progress) {
        Path folder = new RunStore(workspace.runs()).resolve(run);
        RunRecord record = RunStore.read(folder);
        Dataset dataset = DatasetLoader.load(record.spec().dataset(), progress);
        LabelView view = new LabelView(dataset, workspace.openJournal(dataset));
        return open(folder, record, view);
    }

    /** Opens the run at {@code folder} on an already loaded dataset view (the app's current one). */
    public static AnalyzedRun open(Path folder, RunRecord record, LabelView view) {
        Path checkpoint = folder.resolve(RunStore.BEST);
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalArgumentException(folder + ": has no " + RunStore.BEST
                    + " (the run finished no epoch)");
        }
        Model network = Checkpoints.load(checkpoint);
        Dataset dataset = view.dataset();
        UnaryOperator<INDArray> toNetworkInput = inputAdapter(record.spec().architecture(), dataset);
        float mean = record.data() != null ? record.data().pixelMean() : Float.NaN;
        float std = record.data() != null && record.data().pixelStd() > 0 ? record.data().pixelStd() : Float.NaN;
        TrainingData data = TrainingData.from(view, 0, record.spec().seed(), mean, std);
        return new AnalyzedRun(folder, record, view, predictor(network, record.spec(), dataset, toNetworkInput), data);
    }

    /** Catalogue networks predict through Atelier's engine, as they trained; networks from elsewhere through DL4J. */
    private static TrainableModel predictor(Model network, RunSpec spec, Dataset dataset,
                                            UnaryOperator<INDArray> toNetworkInput) {
        if (ArchitectureCatalog.names().contains(spec.architecture())) {
            try {
                Architecture architecture = CatalogModelFactory.architectureOf(spec);
                InputAdapter adapter = architecture.adapter(InputShape.of(dataset.channels(), dataset.height(),
                        dataset.width()), ModelOptions.defaults().withResize(Resize.parse(spec.resize())));
                return new EngineTrainableModel(architecture, new BuiltModel(spec.architecture(), adapter,
                        dataset.classCount(), network), spec, false);
            } catch (IllegalArgumentException | atelier.model.ModelException e) {
                // a checkpoint whose layers do not match the catalogue's list: DL4J reads it as it is
            }
        }
        return new Dl4jTrainableModel(network, toNetworkInput);
    }

    /** The catalogue's input adapter (VGG16 resizes); networks from elsewhere take the features as they are. */
    private static UnaryOperator<INDArray> inputAdapter(String architecture, Dataset dataset) {
        if (!ArchitectureCatalog.names().contains(architecture)) {
            return features -> features;
        }
        InputAdapter adapter = ArchitectureCatalog.named(architecture)
                .adapter(InputShape.of(dataset.channels(), dataset.height(), dataset.width()), ModelOptions.defaults());
        return adapter::apply;
    }

    public Path folder() {
        return folder;
    }

    public RunRecord record() {
        return record;
    }

    public LabelView view() {
        return view;
    }

    public Dataset dataset() {
        return view.dataset();
    }

    public Predictions predict(Split split) {
        List<TrainingData.Batch> batches = split == Split.TRAIN ? data.trainInOrder(BATCH) : data.testBatches(BATCH);
        return Predictions.of(model, batches);
    }

    public ConfusionMatrix confusion(Split split) {
        return ConfusionMatrix.of(predict(split), dataset().classCount());
    }

    public List<LossRanking.Item> topLosses(int k) {
        List<LossRanking.Item> ranked = LossRanking.rank(predict(Split.TRAIN), dataset(), Split.TRAIN);
        return ranked.subList(0, Math.min(k, ranked.size()));
    }
}
