package atelier.study;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.ConfusionMatrix;
import atelier.analysis.LossRanking;
import atelier.analysis.TruthScore;
import atelier.data.DatasetLoader;
import atelier.data.LabelJournal;
import atelier.data.LabelView;
import atelier.data.MislabelGenerator;
import atelier.data.Split;
import atelier.model.Architecture;
import atelier.model.ArchitectureCatalog;
import atelier.model.BuiltModel;
import atelier.model.Checkpoints;
import atelier.model.ImageNetWeights;
import atelier.model.InputShape;
import atelier.model.ModelOptions;
import atelier.model.Resize;
import atelier.model.TransferReport;
import atelier.report.ConfusionData;
import atelier.task.Progress;
import atelier.train.RunRecord;
import atelier.train.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** The steps that do not train: they study a run, state a finding, make a dataset or fetch weights. */
final class StepWork {
    /** Thrown when a step cannot run because of another step; the step is skipped with this message. */
    static final class Skip extends RuntimeException {
        Skip(String message) {
            super(message);
        }
    }

    /** What a CLEAN step found, kept in analysis/KEY.json and shown as a table. */
    record TopLosses(String run, int excluded, List<LossRanking.Item> items, Integer truthHits, Integer flipped) {
    }

    private final StudyStore store;
    private final BiFunction<String, Path, LabelView> datasets;

    StepWork(StudyStore store, BiFunction<String, Path, LabelView> datasets) {
        this.store = store;
        this.datasets = datasets;
    }

    StepState existingRun(StudyStep step, StepState s, RunStore runs) {
        Path folder = runs.resolve(step.run());
        RunRecord record = RunStore.read(folder);
        String folderName = folder.toAbsolutePath().normalize().startsWith(runs.root().toAbsolutePath().normalize())
                ? folder.getFileName().toString() : folder.toAbsolutePath().normalize().toString();
        return s.running(folderName).ended(StepStatus.DONE, StudyRunner.bestSentence(record));
    }

    StepState confusion(StudyPlan plan, StudyStep step, StepState s, StepState of, RunStore runs) {
        AnalyzedRun analyzed = open(plan, step.of(), of, runs);
        Split split = "train".equals(step.split()) ? Split.TRAIN : Split.TEST;
        ConfusionMatrix matrix = analyzed.confusion(split);
        store.saveAnalysis(plan.name(), step.key(), new ConfusionData(analyzed.record().id(),
                split == Split.TRAIN ? "train" : "test", analyzed.dataset().classes(), matrix.counts()));
        List<ConfusionMatrix.Pair> pairs = matrix.mostConfused(3);
        StringBuilder text = new StringBuilder(String.format("%s-set accuracy %.2f%%; most confused (actual as "
                + "predicted):", split == Split.TRAIN ? "training" : "test", 100 * matrix.accuracy()));
        for (ConfusionMatrix.Pair pair : pairs) {
            text.append(String.format(" %s as %s (%d);", analyzed.dataset().className(pair.actual()),
                    analyzed.dataset().className(pair.predicted()), pair.count()));
        }
        return s.ended(StepStatus.DONE, text.toString().replaceAll(";$", "."));
    }

    StepState clean(StudyPlan plan, StudyStep step, StepState s, StepState of, RunStore runs) {
        AnalyzedRun analyzed = open(plan, step.of(), of, runs);
        List<LossRanking.Item> top = analyzed.topLosses(step.topK());
        Path journalFile = store.journal(plan.name(), step.key());
        try {
            // a cleaning step that was interrupted starts its journal again rather than adding to half of it
            Files.deleteIfExists(journalFile);
            Files.createDirectories(journalFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(journalFile + ": cannot be reset (" + e.getMessage() + ")", e);
        }
        LabelJournal journal = LabelJournal.open(journalFile);
        for (LossRanking.Item item : top) {
            journal.exclude(Split.TRAIN, item.index(), item.path());
        }
        Optional<TruthScore> truth = TruthScore.besides(analyzed.dataset().source());
        Integer hits = truth.map(t -> t.at(top.stream().map(LossRanking.Item::index).toList(), top.size()).hits())
                .orElse(null);
        Integer flipped = truth.map(TruthScore::flippedCount).orElse(null);
        store.saveAnalysis(plan.name(), step.key(), new TopLosses(analyzed.record().id(), top.size(), top, hits,
                flipped));
        return s.ended(StepStatus.DONE, String.format("excluded the %d training images with the highest loss under "
                + "run %s (in the study's own label journal)%s.", top.size(), analyzed.record().id(),
                hits == null ? "" : String.format("; %d of them carry one of the %d wrong labels (truth file "
                        + "beside the dataset, read only for this score)", hits, flipped)));
    }

    StepState refusal(StudyStep step, StepState s) {
        InputShape input = InputShape.parse(step.input());
        ModelOptions asIs = ModelOptions.defaults().withResize(Resize.NONE);
        Architecture architecture = ArchitectureCatalog.named(step.architecture());
        Optional<String> refusal = architecture.refusal(input, 10, asIs);
        Architecture encoder = ArchitectureCatalog.named("encoder");
        Optional<String> encoderRefusal = encoder.refusal(input, 10, asIs);
        String contrast = encoderRefusal.isEmpty()
                ? String.format(" The sheet's encoder takes %s directly: its 3x3 convolutions keep the size "
                + "(padding 'same') and its three poolings leave a 2x2 map, %,d trainable parameters.",
                input.text(), encoder.check(input, 10, asIs).trainable())
                : " The encoder refuses it too: " + encoderRefusal.get();
        String finding = refusal.map(reason -> "Refused before any network is built. " + reason)
                .orElse(architecture.name() + " accepts " + input.text() + ".") + contrast;
        return s.ended(StepStatus.DONE, finding);
    }

    StepState mislabelledData(StudyStep step, StepState s, Progress progress) {
        Path folder = Path.of(step.folder());
        if (Files.isDirectory(folder.resolve("training"))) {
            return s.ended(StepStatus.DONE, "uses " + folder + ", which exists already");
        }
        var mnist = DatasetLoader.load("mnist", progress);
        MislabelGenerator.Plan flips = MislabelGenerator.generate(mnist, 100, 7, folder, progress);
        return s.ended(StepStatus.DONE, String.format("wrote %s: MNIST as PNG files with %d training labels changed "
                + "(seed 7), as `data mislabel --flips 100 --seed 7` does; the truth is in %s", folder,
                flips.flippedIndices().length, MislabelGenerator.truthFile(folder).getFileName()));
    }

    /** ImageNet weights for VGG16 on MNIST-sized input, saved as a checkpoint; throws ModelException when offline. */
    StepState imageNet(StudyPlan plan, StudyStep step, StepState s) {
        BuiltModel model = ArchitectureCatalog.named("vgg16").build(InputShape.of(1, 28, 28), 10,
                ModelOptions.defaults());
        TransferReport transfer = ImageNetWeights.apply(model);
        Path file = store.folder(plan.name()).resolve("checkpoints").resolve("vgg16-imagenet.zip");
        Checkpoints.save(model, file);
        return s.withCheckpoint(file.toAbsolutePath().toString()).ended(StepStatus.DONE,
                "ImageNet weights from DL4J's model zoo: " + transfer.summary());
    }

    /** The weights a later step starts from: a checkpoint the step made, or its run's best epoch. */
    String checkpointOf(StepState s, String key, RunStore runs) {
        if (s.checkpoint() != null) {
            return s.checkpoint();
        }
        if (s.run() == null) {
            throw new Skip("not run: step " + key + " has no run to start from");
        }
        return runs.root().resolve(s.run()).resolve(RunStore.BEST).toAbsolutePath().toString();
    }

    private AnalyzedRun open(StudyPlan plan, String key, StepState of, RunStore runs) {
        if (of.run() == null) {
            throw new Skip("not run: step " + key + " has no run");
        }
        Path folder = runs.resolve(of.run());
        RunRecord record = RunStore.read(folder);
        StudyStep ofStep = plan.step(key).orElseThrow();
        Path journal = ofStep.cleanedBy() == null ? null : store.journal(plan.name(), ofStep.cleanedBy());
        LabelView view = datasets.apply(record.spec().dataset(), journal);
        return AnalyzedRun.open(folder, record, view);
    }
}
