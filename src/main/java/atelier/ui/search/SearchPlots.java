package atelier.ui.search;

import atelier.search.ParetoFront;
import atelier.search.SearchState;
import atelier.search.Segment;
import atelier.search.Trial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The numbers the tab's plots draw, computed from a search state without any JavaFX: points of validation
 * accuracy against parameters by rung, the Pareto front, accuracy against budget time with the best so far, and
 * the rows of the parallel-coordinates plot.
 */
public final class SearchPlots {
    private SearchPlots() {
    }

    /** One plotted point; {@code trial} says whose. */
    public record Point(double x, double y, int trial) {
    }

    /** The axes of the parallel-coordinates plot, left to right. */
    public static final List<String> AXES = List.of("blocks", "convs", "filters", "kernel", "res", "bn", "drop",
            "dense", "width", "opt", "lr", "params");

    /** A trial in the parallel-coordinates plot: its value on each axis scaled to [0, 1], and its accuracy. */
    public record Line(int trial, double[] values, double accuracy) {
    }

    /** Validation accuracy against log10 of the parameter count, one list per rung reached. */
    public static List<List<Point>> byRung(SearchState state) {
        List<List<Point>> rungs = new ArrayList<>();
        for (int rung = 0; rung <= state.settings().maxRung(); rung++) {
            rungs.add(new ArrayList<>());
        }
        for (Trial trial : state.trials()) {
            if (trial.rung() >= 0) {
                rungs.get(trial.rung()).add(new Point(Math.log10(trial.parameters()), trial.validationAccuracy(),
                        trial.id()));
            }
        }
        return rungs;
    }

    public static List<Point> paretoFront(SearchState state) {
        return ParetoFront.of(state.trials()).stream().map(t -> new Point(Math.log10(t.parameters()),
                t.validationAccuracy(), t.id())).toList();
    }

    /**
     * Every completed segment at the minute of the budget it ended. Searches written before segments carried that
     * minute get it from the order of their run folders (named by start time) and the segments' durations.
     */
    public static List<Point> accuracyOverTime(SearchState state) {
        record Done(Segment segment, int trial) {
        }
        List<Done> done = new ArrayList<>();
        for (Trial trial : state.trials()) {
            for (Segment segment : trial.segments()) {
                if (segment.completed()) {
                    done.add(new Done(segment, trial.id()));
                }
            }
        }
        done.sort(Comparator.comparing((Done d) -> d.segment().run() == null ? "" : d.segment().run()));
        List<Point> points = new ArrayList<>();
        double clock = 0;
        for (Done d : done) {
            clock += d.segment().seconds();
            double at = d.segment().finishedAt() > 0 ? d.segment().finishedAt() : clock;
            points.add(new Point(at / 60, d.segment().validationAccuracy(), d.trial()));
        }
        points.sort(Comparator.comparingDouble(Point::x));
        return points;
    }

    /** The best validation accuracy seen up to each point of {@link #accuracyOverTime}, as a step line. */
    public static List<Point> bestSoFar(List<Point> overTime) {
        List<Point> steps = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Point p : overTime) {
            if (p.y() > best) {
                if (!steps.isEmpty()) {
                    steps.add(new Point(p.x(), best, p.trial()));
                }
                best = p.y();
                steps.add(new Point(p.x(), best, p.trial()));
            }
        }
        if (!steps.isEmpty() && !overTime.isEmpty()) {
            steps.add(new Point(overTime.get(overTime.size() - 1).x(), best, -1));
        }
        return steps;
    }

    /** The trials with a validation score, each a line across {@link #AXES}. */
    public static List<Line> parallelCoordinates(SearchState state) {
        var space = state.settings().space();
        List<Line> lines = new ArrayList<>();
        for (Trial trial : state.trials()) {
            if (Double.isNaN(trial.validationAccuracy())) {
                continue;
            }
            var p = trial.point();
            double meanFilters = p.filters().stream().mapToInt(Integer::intValue).average().orElse(0);
            double meanWidth = p.denseWidths().stream().mapToInt(Integer::intValue).average().orElse(0);
            var rates = space.learningRates().values();
            double lowRate = rates.stream().mapToDouble(r -> r.min()).min().orElse(1e-4);
            double highRate = rates.stream().mapToDouble(r -> r.max()).max().orElse(1);
            double[] values = {
                scale(p.blocks(), space.blocks().min(), space.blocks().max()),
                scale(p.convsPerBlock(), space.convsPerBlock().min(), space.convsPerBlock().max()),
                scaleLog(meanFilters, space.filters().min(), space.filters().max()),
                scale(space.kernels().indexOf(p.kernel()), 0, space.kernels().size() - 1),
                p.residual() ? 1 : 0,
                p.batchNorm() ? 1 : 0,
                scale(p.dropout(), space.dropout().min(), space.dropout().max()),
                scale(p.denseWidths().size(), space.denseLayers().min(), space.denseLayers().max()),
                meanWidth == 0 ? 0 : scaleLog(meanWidth, space.denseWidth().min(), space.denseWidth().max()),
                scale(space.optimizers().indexOf(p.optimizer()), 0, space.optimizers().size() - 1),
                scaleLog(p.learningRate(), lowRate, highRate),
                scaleLog(trial.parameters(), 1e3, Math.max(1e4, maxParameters(state))),
            };
            lines.add(new Line(trial.id(), values, trial.validationAccuracy()));
        }
        return lines;
    }

    private static double maxParameters(SearchState state) {
        return state.trials().stream().mapToLong(Trial::parameters).max().orElse(10_000);
    }

    private static double scale(double value, double min, double max) {
        return max <= min ? 0.5 : Math.max(0, Math.min(1, (value - min) / (max - min)));
    }

    private static double scaleLog(double value, double min, double max) {
        return value <= 0 ? 0 : scale(Math.log(value), Math.log(min), Math.log(max));
    }
}
