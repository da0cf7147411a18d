package atelier.analysis.actmax;

import atelier.analysis.AnalyzedRun;
import atelier.analysis.ConfusionMatrix;
import atelier.data.Dataset;
import atelier.data.ImageSet;
import atelier.data.LabelView;
import atelier.data.Split;
import atelier.engine.NetworkProbe;
import atelier.model.InputShape;
import atelier.task.Progress;
import atelier.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Activation maximization of one run, the entry point for the command line, the Activation tab and reports: the
 * run's network and dataset, the ascent for any layer and units, the mean images the quality measure compares
 * with, the test confusion matrix, and the gallery and correlation figures as PNG files.
 */
public final class ActivationStudy {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ActivationStudy.class);
    private final AnalyzedRun run;
    private final RunNetwork network;
    private final Supplier<PixelScale> dataScale;
    private float[][] classMeans;
    private float[] mean;
    private ConfusionMatrix confusion;

    private ActivationStudy(AnalyzedRun run, RunNetwork network, Supplier<PixelScale> dataScale) {
        this.run = run;
        this.network = network;
        this.dataScale = dataScale;
    }

    /** Opens a run (folder or name) in the workspace, loading its dataset with the label journal as it is now. */
    public static ActivationStudy open(Workspace workspace, String run, Progress progress) {
        AnalyzedRun analyzed = AnalyzedRun.open(workspace, run, progress);
        return of(workspace, analyzed);
    }

    /** A study of a run already opened on the app's dataset view. */
    public static ActivationStudy of(Workspace workspace, AnalyzedRun analyzed) {
        Dataset dataset = analyzed.dataset();
        Supplier<PixelScale> dataScale = () -> ownScale(analyzed.view());
        RunNetwork network = RunNetwork.open(workspace, analyzed.folder().toString(),
                InputShape.of(dataset.channels(), dataset.height(), dataset.width()), dataScale);
        return new ActivationStudy(analyzed, network, dataScale);
    }

    public AnalyzedRun run() {
        return run;
    }

    public RunNetwork network() {
        return network;
    }

    public List<String> classNames() {
        return run.dataset().classes();
    }

    public PixelScale scale() {
        return network.scale();
    }

    /** The layers that can be maximized, the output layer (its logits) last. */
    public List<String> layerNames() {
        return Dl4jInputGradient.layerNames(network.network());
    }

    /**
     * The input gradient of a layer (null: the logits): on the engine's probe where it opens the run's checkpoint
     * and has the layer, else through DL4J (a network not of the catalogue).
     */
    public InputGradient gradient(String layer) {
        NetworkProbe probe = network.probe();
        if (probe != null && (layer == null || probe.layerNames().contains(layer))) {
            return new ProbeInputGradient(probe, layer);
        }
        LOG.info("input gradients of {} through DL4J: {}", network.folder().getFileName(),
                probe == null ? network.whyNoProbe() : "the engine has no layer '" + layer + "'");
        return new Dl4jInputGradient(network.network(), layer, network.inputShape());
    }

    /**
     * An ascent for {@code units} of the gradient's layer from the settings' start image.
     *
     * @param chosenPixels the start image in pixel units when the settings say {@link StartImage#IMAGE}
     */
    public Ascent ascent(InputGradient gradient, int[] units, AscentSettings settings, float[] chosenPixels) {
        long[] shape = network.inputShape();
        int values = (int) (shape[0] * shape[1] * shape[2]);
        float[] meanPixels = settings.start() == StartImage.MEAN ? meanImage() : null;
        float[][] start = StartImages.make(settings.start(), units, values, scale(), meanPixels, chosenPixels,
                settings.seed());
        return new Ascent(gradient, units, start, settings, scale());
    }

    /** Every class's unit (0 to classes − 1). */
    public int[] allClasses() {
        int[] units = new int[classNames().size()];
        for (int i = 0; i < units.length; i++) {
            units[i] = i;
        }
        return units;
    }

    /** The test-set confusion matrix of the run's best checkpoint (computed once). */
    public synchronized ConfusionMatrix confusion() {
        if (confusion == null) {
            confusion = run.confusion(Split.TEST);
        }
        return confusion;
    }

    /** One image of the run's dataset in pixel units (0 to 1), to start an ascent from ({@link StartImage#IMAGE}). */
    public float[] image(atelier.data.Split split, int index) {
        ImageSet images = split == atelier.data.Split.TRAIN ? run.view().dataset().train() : run.view().dataset().test();
        if (index < 0 || index >= images.size()) {
            throw new IllegalArgumentException(split.name().toLowerCase(java.util.Locale.ROOT) + " image " + index
                    + " does not exist: the split has " + images.size() + " images");
        }
        byte[] buffer = new byte[images.pixelsPerImage()];
        images.copyImage(index, buffer, 0);
        float[] pixels = new float[buffer.length];
        for (int p = 0; p < buffer.length; p++) {
            pixels[p] = (buffer[p] & 0xff) / 255f;
        }
        return pixels;
    }

    /** The mean training image of all classes, in pixel units. */
    public synchronized float[] meanImage() {
        if (mean == null) {
            computeMeans();
        }
        return mean.clone();
    }

    /** The mean training image of each class (labels as the journal has them), in pixel units. */
    public synchronized float[][] classMeanImages() {
        if (classMeans == null) {
            computeMeans();
        }
        return classMeans;
    }

    /** Measures the finished images against the run's test accuracy per class (see {@link QualityStudy}). */
    public QualityStudy quality(AscentState state, RunNetwork judge) {
        return QualityStudy.of(state, classNames(), confusion(), classMeanImages(), scale(), judge);
    }

    /** Opens a second run to judge the images by (it must take the same input). */
    public RunNetwork judge(Workspace workspace, String judgeRun) {
        Dataset dataset = run.dataset();
        return RunNetwork.open(workspace, judgeRun, InputShape.of(dataset.channels(), dataset.height(),
                dataset.width()), dataScale);
    }

    /** Writes the gallery (one tile per image, with its class, probability and test accuracy) as PNG. */
    public void writeGallery(AscentState state, Path file) {
        ActmaxImages.writeGallery(file, state, classNames(), confusion(), network.inputShape(), scale());
    }

    /** Writes the figure of test accuracy against image quality, with Spearman's rho, as PNG. */
    public static void writeCorrelationFigure(QualityStudy quality, Path file) {
        CorrelationFigure.write(quality, file);
    }

    private void computeMeans() {
        LabelView view = run.view();
        ImageSet train = view.dataset().train();
        int classes = view.dataset().classCount();
        int pixels = train.pixelsPerImage();
        double[][] sums = new double[classes][pixels];
        double[] all = new double[pixels];
        int[] counts = new int[classes];
        int total = 0;
        byte[] buffer = new byte[pixels];
        for (int i = 0; i < train.size(); i++) {
            if (view.isExcluded(Split.TRAIN, i)) {
                continue;
            }
            int label = view.label(Split.TRAIN, i);
            train.copyImage(i, buffer, 0);
            for (int p = 0; p < pixels; p++) {
                double v = (buffer[p] & 0xff) / 255.0;
                sums[label][p] += v;
                all[p] += v;
            }
            counts[label]++;
            total++;
        }
        classMeans = new float[classes][pixels];
        for (int c = 0; c < classes; c++) {
            for (int p = 0; p < pixels; p++) {
                classMeans[c][p] = counts[c] == 0 ? 0f : (float) (sums[c][p] / counts[c]);
            }
        }
        mean = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            mean[p] = total == 0 ? 0f : (float) (all[p] / total);
        }
    }

    /** The dataset's own statistics (all training images), for runs that recorded none. */
    private static PixelScale ownScale(LabelView view) {
        ImageSet train = view.dataset().train();
        byte[] buffer = new byte[train.pixelsPerImage()];
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < train.size(); i++) {
            train.copyImage(i, buffer, 0);
            for (byte b : buffer) {
                double v = (b & 0xff) / 255.0;
                sum += v;
                squares += v * v;
            }
        }
        double count = (double) train.size() * buffer.length;
        double mean = sum / count;
        return new PixelScale((float) mean, (float) Math.max(1e-6, Math.sqrt(Math.max(0, squares / count - mean * mean))));
    }
}
