package atelier.train;

import atelier.model.Architecture;
import atelier.model.ArchitectureCatalog;
import atelier.model.BuiltModel;
import atelier.model.Checkpoints;
import atelier.model.Freezing;
import atelier.model.InputShape;
import atelier.model.LayerSpecText;
import atelier.model.ModelOptions;
import atelier.model.Resize;
import atelier.model.TransferReport;
import atelier.model.WeightScheme;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Builds a run's network from the architecture catalogue: fresh weights (Xavier or He) or weights copied from a
 * checkpoint, the run's optimizer and seed, and optionally everything but the last layer frozen.
 */
public final class CatalogModelFactory implements ModelFactory {
    private static final String CHECKPOINT = "checkpoint:";

    private final Consumer<String> report;

    /** @param report receives what initialisation did (which layers were copied from a checkpoint) */
    public CatalogModelFactory(Consumer<String> report) {
        this.report = report;
    }

    @Override
    public TrainableModel create(RunSpec spec, int channels, int height, int width, int classes) {
        Architecture architecture = ArchitectureCatalog.CUSTOM.equals(spec.architecture()) && spec.layers() != null
                ? ArchitectureCatalog.custom(LayerSpecText.parse(spec.layers()))
                : ArchitectureCatalog.named(spec.architecture());
        boolean fromCheckpoint = spec.init().startsWith(CHECKPOINT);
        WeightScheme weights = fromCheckpoint ? WeightScheme.XAVIER_UNIFORM : WeightScheme.parse(spec.init());
        ModelOptions options = ModelOptions.defaults().withWeights(weights).withSeed(spec.seed())
                .withUpdater(Optimizers.updater(spec)).withResize(Resize.parse(spec.resize()));
        BuiltModel model = architecture.build(InputShape.of(channels, height, width), classes, options);
        if (fromCheckpoint) {
            Path file = Path.of(spec.init().substring(CHECKPOINT.length()));
            TransferReport transfer = Checkpoints.initialiseFrom(model, file);
            report.accept(transfer.summary());
        }
        if (spec.freezeAllButLast()) {
            model = Freezing.allButLastDense(model);
        }
        if (FastMnistNetModel.suits(spec, channels, height, width, classes) && !model.isGraph()) {
            return new FastMnistNetModel(model.multiLayer(), spec);
        }
        BuiltModel built = model;
        return new Dl4jTrainableModel(built.network(), built.adapter()::apply);
    }
}
