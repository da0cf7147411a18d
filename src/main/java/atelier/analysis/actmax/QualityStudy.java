package atelier.analysis.actmax;

import atelier.analysis.ConfusionMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Exercise sheet 1's question: does a class's test accuracy follow the quality of its generated image? Quality is
 * measured by what the maximized network does not compute: the probability that an independently trained judge
 * network gives the image's class, and the Pearson correlation of the image with the class's mean training image.
 * Each is set against the per-class test accuracy with Spearman's rank correlation (ranks, because accuracy and
 * both measures crowd near their maxima and nothing says they relate linearly).
 *
 * @param classes            one row per generated image
 * @param judgeName          the judge run, or null when there was none
 * @param judgeRho           Spearman's rho of accuracy against the judge's probability (NaN without a judge)
 * @param meanCorrelationRho Spearman's rho of accuracy against the correlation with the class mean image
 */
public record QualityStudy(List<ClassQuality> classes, String judgeName, double judgeRho,
                           double meanCorrelationRho) {

    /**
     * @param unit               the class
     * @param name               its name
     * @param accuracy           the maximized run's test accuracy on it (recall of the class)
     * @param probability        the probability the maximized network gives the image (as written to PNG)
     * @param judgeProbability   the probability the judge gives it (NaN without a judge)
     * @param meanCorrelation    Pearson correlation of the image with the class's mean training image
     */
    public record ClassQuality(int unit, String name, double accuracy, double probability, double judgeProbability,
                               double meanCorrelation) {
    }

    public static QualityStudy of(AscentState state, List<String> names, ConfusionMatrix confusion,
                                  float[][] classMeans, PixelScale scale, RunNetwork judge) {
        float[][] pixels = new float[state.size()][];
        for (int i = 0; i < state.size(); i++) {
            float[] image = state.images()[i];
            pixels[i] = new float[image.length];
            for (int p = 0; p < image.length; p++) {
                pixels[i][p] = scale.grey(image[p]) / 255f;
            }
        }
        float[][] judged = judge != null && judge.dataShape().values() == pixels[0].length
                ? judge.classify(pixels) : null;
        List<ClassQuality> rows = new ArrayList<>();
        for (int i = 0; i < state.size(); i++) {
            int unit = state.units()[i];
            double accuracy = unit < confusion.classes() ? confusion.perClass().get(unit).accuracy() : Double.NaN;
            double judgeProbability = judged != null ? judged[i][unit] : Double.NaN;
            double meanCorrelation = unit < classMeans.length && classMeans[unit].length == pixels[i].length
                    ? pearson(pixels[i], classMeans[unit]) : Double.NaN;
            rows.add(new ClassQuality(unit, unit < names.size() ? names.get(unit) : String.valueOf(unit), accuracy,
                    state.probability(i), judgeProbability, meanCorrelation));
        }
        String judgeName = judged != null ? judge.folder().getFileName().toString() : null;
        return new QualityStudy(rows, judgeName,
                spearman(rows.stream().mapToDouble(ClassQuality::accuracy).toArray(),
                        rows.stream().mapToDouble(ClassQuality::judgeProbability).toArray()),
                spearman(rows.stream().mapToDouble(ClassQuality::accuracy).toArray(),
                        rows.stream().mapToDouble(ClassQuality::meanCorrelation).toArray()));
    }

    /** Spearman's rho, NaN with fewer than three classes or a measure missing or constant. */
    static double spearman(double[] x, double[] y) {
        if (x.length < 3 || hasNaN(x) || hasNaN(y) || constant(x) || constant(y)) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(x, y);
    }

    private static double pearson(float[] a, float[] b) {
        double[] x = new double[a.length];
        double[] y = new double[b.length];
        for (int p = 0; p < a.length; p++) {
            x[p] = a[p];
            y[p] = b[p];
        }
        return constant(x) || constant(y) ? 0 : new PearsonsCorrelation().correlation(x, y);
    }

    private static boolean hasNaN(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean constant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    /** What was measured and what came out, in one or two sentences for the tab and reports. */
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Per-class test accuracy of the maximized run against two measures of image quality that this run "
                        + "does not compute: the correlation of each image with its class's mean training image "
                        + "(Spearman's rho %s)", rho(meanCorrelationRho)));
        if (judgeName != null) {
            text.append(String.format(Locale.ROOT, ", and the probability that an independently trained run (%s) "
                    + "gives the image its class (rho %s)", judgeName, rho(judgeRho)));
        } else {
            text.append("; choose a second run as judge for the other measure");
        }
        text.append(". ").append(verdict());
        return text.toString();
    }

    private String verdict() {
        double strongest = Double.isNaN(judgeRho) ? meanCorrelationRho : Double.isNaN(meanCorrelationRho) ? judgeRho
                : Math.abs(judgeRho) > Math.abs(meanCorrelationRho) ? judgeRho : meanCorrelationRho;
        if (Double.isNaN(strongest)) {
            return "Too few classes (or a constant measure) for a rank correlation.";
        }
        if (Math.abs(strongest) < 0.4) {
            return String.format(Locale.ROOT, "With %d classes, accuracy and image quality are hardly related.",
                    classes.size());
        }
        return String.format(Locale.ROOT, "With %d classes, accuracy and image quality are %s %s related.",
                classes.size(), Math.abs(strongest) >= 0.7 ? "strongly" : "moderately",
                strongest >= 0 ? "positively" : "negatively");
    }

    private static String rho(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%+.2f", value);
    }
}
