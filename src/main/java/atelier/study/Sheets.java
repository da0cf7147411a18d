package atelier.study;

import atelier.data.DataDirectory;
import atelier.report.FigureSlot;
import atelier.train.RunSpec;
import atelier.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The built-in studies: the two exercise sheets, and a study composed of runs the user picked. */
public final class Sheets {
    public static final String FASHION = "fashion-sheet";
    public static final String ARCHITECTURES = "architectures-sheet";
    public static final String CUSTOM = "custom";
    public static final List<String> BUILT_IN = List.of(FASHION, ARCHITECTURES);

    private static final String TSNE_ABSENT = "this build has no t-SNE (issue 12)";
    private static final String ACTIVATION_ABSENT = "this build has no activation maximization (issue 13)";

    /** Sheet 1 Q1.3's augmentation: torchvision's RandomHorizontalFlip and RandomCrop(28, padding=4). */
    static final String SHEET_AUGMENTATION = "flip:0.5,crop:4";

    private Sheets() {
    }

    /** A built-in sheet by its name. */
    public static StudyPlan named(String sheet, String name, int epochs, int limitTrain, Workspace workspace) {
        return switch (sheet) {
            case FASHION -> fashion(name, epochs, limitTrain);
            case ARCHITECTURES -> architectures(name, epochs, limitTrain, mislabelledFolder(workspace));
            default -> throw new IllegalArgumentException("no built-in study \"" + sheet + "\" ("
                    + String.join(", ", BUILT_IN) + ")");
        };
    }

    /** Exercise sheet 1, question 1 (and the figures of questions 2 and 3): mnist-net on Fashion-MNIST, four ways. */
    public static StudyPlan fashion(String name, int epochs, int limitTrain) {
        List<StudyStep> steps = List.of(
                StudyStep.train("baseline", "Baseline", spec("fashion", "mnist-net", epochs, limitTrain)),
                StudyStep.train("augmentation", "Data augmentation",
                        withAugmentation(spec("fashion", "mnist-net", epochs, limitTrain), SHEET_AUGMENTATION)),
                // the sheet builds up: Q1.4 adds batch normalization to the network that Q1.3 augmented
                StudyStep.train("batchnorm", "Batch normalization (with augmentation)",
                        withAugmentation(spec("fashion", "mnist-net-bn", epochs, limitTrain), SHEET_AUGMENTATION)),
                StudyStep.train("mnist-pretraining", "MNIST (for finetuning)", spec("mnist", "mnist-net", epochs,
                        limitTrain)),
                StudyStep.train("finetuning", "Finetuning from MNIST", frozen(spec("fashion", "mnist-net", epochs,
                        limitTrain))).initFrom("mnist-pretraining"),
                StudyStep.confusion("baseline-confusion", "Test confusion of the baseline", "baseline", "test"));
        List<String> fourCases = List.of("baseline", "augmentation", "batchnorm", "finetuning");
        List<FigureSlot> figures = List.of(
                new FigureSlot("learning-curves", "Learning curves on the training set", fourCases, "train", null),
                new FigureSlot("learning-curves", "Learning curves on the test set", fourCases, "test", null),
                new FigureSlot("augmentation-transforms", "Effect of each augmentation transform on a sample",
                        List.of("augmentation"), null, "this build has no augmentation pipeline (issue 11)"),
                new FigureSlot("tsne-fc1", "t-SNE map of fc1 (Q2) with the 10-NN readout", List.of("baseline"),
                        null, TSNE_ABSENT),
                new FigureSlot("activation-maximization", "Activation-maximization gallery (Q3)",
                        List.of("baseline"), null, ACTIVATION_ABSENT),
                new FigureSlot("confusion", "Test-set confusion matrix of the baseline (Q3)",
                        List.of("baseline-confusion"), "test", null),
                new FigureSlot("accuracy-vs-quality", "Per-class accuracy against the quality of the generated image "
                        + "(Q3), judged by the batch-normalization run", List.of("baseline", "batchnorm"), null,
                        ACTIVATION_ABSENT));
        return new StudyPlan(StudyPlan.SCHEMA_VERSION, name, FASHION, "Exercise sheet 1: Fashion-MNIST with mnist-net",
                List.of("The network of pytorch/examples mnist/main.py (mnist-net) trained on Fashion-MNIST four ways "
                        + "(baseline; data augmentation " + SHEET_AUGMENTATION + "; batch normalization with the same "
                        + "augmentation; finetuning from MNIST with all but the "
                        + "last fully connected layer frozen), " + epochs + " epoch" + (epochs == 1 ? "" : "s")
                        + " each, with the pytorch/examples recipe (Adadelta, learning rate 1.0, decay 0.7 per epoch, "
                        + "batch 64, seed 1). Results are on the test set; the best epoch is the one with the highest "
                        + "test accuracy, and its weights are each run's best.zip.",
                        subsetSentence(limitTrain)),
                epochs, limitTrain, Instant.now().toString(), steps, figures);
    }

    /** Exercise sheet 2, sections 1.1, 1.2 and 1.4 (1.3 arrives with the architecture-search issue). */
    public static StudyPlan architectures(String name, int epochs, int limitTrain, Path mislabelled) {
        String noisy = mislabelled.toString();
        RunSpec vggFashion = spec("fashion", "vgg16", epochs, limitTrain);
        List<StudyStep> steps = List.of(
                StudyStep.refusal("vgg16-18x18", "VGG16 at 18x18", "vgg16", "18x18x1"),
                StudyStep.pretrainedVgg16("vgg16-pretraining", "VGG16 pretraining", vggFashion),
                StudyStep.train("vgg16-pretrained", "VGG16 pretrained", spec("mnist", "vgg16", epochs, limitTrain))
                        .initFrom("vgg16-pretraining"),
                StudyStep.train("vgg16-xavier", "VGG16 Xavier", spec("mnist", "vgg16", epochs, limitTrain)),
                StudyStep.train("encoder", "Encoder", spec("mnist", "encoder", epochs, limitTrain)),
                StudyStep.train("resnet", "ResNet", spec("mnist", "resnet", epochs, limitTrain)),
                StudyStep.mislabelledData("mislabelled-data", "MNIST with 100 wrong labels", noisy),
                StudyStep.train("mislabelled", "Encoder on mislabelled MNIST", spec(noisy, "encoder", epochs,
                        limitTrain)),
                StudyStep.confusion("mislabelled-confusion", "Training confusion on mislabelled MNIST",
                        "mislabelled", "train"),
                StudyStep.clean("mislabelled-clean", "Top losses removed", "mislabelled", 100),
                StudyStep.train("cleaned", "Encoder after cleaning", spec(noisy, "encoder", epochs, limitTrain))
                        .cleanedBy("mislabelled-clean"),
                StudyStep.confusion("cleaned-confusion", "Training confusion after cleaning", "cleaned", "train"));
        List<FigureSlot> figures = List.of(
                new FigureSlot("curves-side-by-side", "VGG16 pretrained against VGG16 with Xavier initialization "
                        + "(1.1)", List.of("vgg16-pretrained", "vgg16-xavier"), null, null),
                new FigureSlot("learning-curves", "Encoder, ResNet and VGG16 on MNIST, test set (1.2)",
                        List.of("encoder", "resnet", "vgg16-xavier"), "test", null),
                new FigureSlot("learning-curves", "Encoder, ResNet and VGG16 on MNIST, training set (1.2)",
                        List.of("encoder", "resnet", "vgg16-xavier"), "train", null),
                new FigureSlot("architecture-search", "Architecture search on MNIST (1.3)", List.of(),
                        "dataset=mnist", null),
                new FigureSlot("confusion", "Training-set confusion of the encoder on mislabelled MNIST (1.4b)",
                        List.of("mislabelled-confusion"), "train", null),
                new FigureSlot("learning-curves", "Before and after removing the top losses, test set (1.4c)",
                        List.of("mislabelled", "cleaned"), "test", null),
                new FigureSlot("learning-curves", "Before and after removing the top losses, training set (1.4c)",
                        List.of("mislabelled", "cleaned"), "train", null),
                new FigureSlot("confusion", "Training-set confusion after cleaning (1.4c)",
                        List.of("cleaned-confusion"), "train", null));
        return new StudyPlan(StudyPlan.SCHEMA_VERSION, name, ARCHITECTURES,
                "Exercise sheet 2: network architectures, initialisation and data cleanup",
                List.of("VGG16 pretrained and from Xavier-uniform weights (1.1), what VGG16 makes of 18x18 input "
                        + "(1.1d), the sheet's encoder and ResNet against VGG16 on MNIST (1.2), and the diagnosis "
                        + "and cleanup of MNIST with 100 wrong training labels (1.4). " + epochs + " epoch"
                        + (epochs == 1 ? "" : "s") + " per run, Adadelta with learning rate 1.0 and decay 0.7, "
                        + "batch 64, seed 1. VGG16 sees MNIST's 28x28 images resized to 32x32, the smallest size "
                        + "it takes.", subsetSentence(limitTrain)),
                epochs, limitTrain, Instant.now().toString(), steps, figures);
    }

    /** A study of runs the user already has: compared in one table and in curves on both sets. */
    public static StudyPlan ofRuns(String name, List<String> runs, List<String> labels) {
        List<StudyStep> steps = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String key = "run-" + (i + 1);
            keys.add(key);
            String label = labels != null && i < labels.size() ? labels.get(i) : Path.of(runs.get(i))
                    .getFileName().toString();
            steps.add(StudyStep.existingRun(key, label, runs.get(i)));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a study of runs needs at least one run");
        }
        List<FigureSlot> figures = List.of(
                new FigureSlot("learning-curves", "Learning curves on the training set", keys, "train", null),
                new FigureSlot("learning-curves", "Learning curves on the test set", keys, "test", null));
        return new StudyPlan(StudyPlan.SCHEMA_VERSION, name, CUSTOM, "Study " + name,
                List.of("A comparison of " + runs.size() + " run" + (runs.size() == 1 ? "" : "s")
                        + " chosen by hand, each as it was recorded."),
                0, 0, Instant.now().toString(), steps, figures);
    }

    /** data/mnist_png_mislabelled if it is there (as `data mislabel` writes it), else the workspace's own copy. */
    static Path mislabelledFolder(Workspace workspace) {
        Path shipped = DataDirectory.find().resolve("mnist_png_mislabelled");
        if (Files.isDirectory(shipped.resolve("training"))) {
            return shipped.toAbsolutePath().normalize();
        }
        return workspace.root().resolve("data").resolve("mnist_png_mislabelled").toAbsolutePath().normalize();
    }

    private static String subsetSentence(int limitTrain) {
        return limitTrain > 0 ? String.format("Reduced study: each run trains on %,d training images chosen by the "
                + "seed (--limit-train), not the whole training set; the test set is always whole.", limitTrain)
                : "Each run trains on the whole training set and is measured on the whole test set.";
    }

    private static RunSpec spec(String dataset, String architecture, int epochs, int limitTrain) {
        RunSpec defaults = RunSpec.defaults(dataset, architecture, epochs);
        return new RunSpec(null, dataset, architecture, defaults.init(), false, defaults.optimizer(),
                defaults.learningRate(), defaults.gamma(), defaults.momentum(), defaults.batchSize(), epochs,
                limitTrain, "none", defaults.seed(), "auto", null);
    }

    private static RunSpec withAugmentation(RunSpec spec, String recipe) {
        return new RunSpec(spec.name(), spec.dataset(), spec.architecture(), spec.init(), spec.freezeAllButLast(),
                spec.optimizer(), spec.learningRate(), spec.gamma(), spec.momentum(), spec.batchSize(), spec.epochs(),
                spec.limitTrain(), recipe, spec.seed(), spec.resize(), spec.layers(), spec.schedule());
    }

    private static RunSpec frozen(RunSpec spec) {
        return new RunSpec(spec.name(), spec.dataset(), spec.architecture(), spec.init(), true, spec.optimizer(),
                spec.learningRate(), spec.gamma(), spec.momentum(), spec.batchSize(), spec.epochs(),
                spec.limitTrain(), spec.augmentation(), spec.seed(), spec.resize(), spec.layers(), spec.schedule());
    }
}
