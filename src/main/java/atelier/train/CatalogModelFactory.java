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
 * checkpoint, the run's optimizer and seed, and optionally everything but the last layer frozen. Every architecture
 * and recipe trains on Atelier's engine unless {@link TrainingEngine#DL4J} is asked for.
 */
public final class CatalogModelFactory implements ModelFactory {
    private static final String CHECKPOINT = "checkpoint:";

    private final Consumer<String> report;
    private final TrainingEngine engine;

    /** @param report receives what initialisation did (which layers were copied from a checkpoint) */
    public CatalogModelFactory(Consumer<String> report) {
        this(report, TrainingEngine.FAST);
    }

    public CatalogModelFactory(Consumer<String> report, TrainingEngine engine) {
        this.report = report;
        this.engine = engine;
    }

    /** The architecture a spec names: a catalogue entry, or its custom layer list. */
    public static Architecture architectureOf(RunSpec spec) {
        return ArchitectureCatalog.CUSTOM.equals(spec.architecture()) && spec.layers() != null
                ? ArchitectureCatalog.custom(LayerSpecText.parse(spec.layers()))
                : ArchitectureCatalog.named(spec.architecture());
    }

    @Override
    public TrainableModel create(RunSpec spec, int channels, int height, int width, int classes) {
        Architecture architecture = architectureOf(spec);
        boolean fromCheckpoint = spec.init().startsWith(CHECKPOINT);
        WeightScheme weights = fromCheckpoint ? WeightScheme.XAVIER_UNIFORM : WeightScheme.parse(spec.init());
        ModelOptions options = ModelOptions.defaults().withWeights(weights).withSeed(spec.seed())
                .withUpdater(engine == TrainingEngine.DL4J ? Optimizers.updater(spec) : Optimizers.stockUpdater(spec))
                .withResize(Resize.parse(spec.resize()));
        BuiltModel model = architecture.build(InputShape.of(channels, height, width), classes, options);
        if (fromCheckpoint) {
            Path file = Path.of(spec.init().substring(CHECKPOINT.length()));
            TransferReport transfer = Checkpoints.initialiseFrom(model, file);
            report.accept(transfer.summary());
        }
        if (engine == TrainingEngine.FAST) {
            return new EngineTrainableModel(architecture, model, spec, spec.freezeAllButLast());
        }
        if (spec.freezeAllButLast()) {
            model = Freezing.allButLastDense(model);
        }
        BuiltModel built = model;
        return new Dl4jTrainableModel(built.network(), built.adapter()::apply);
    }
}
