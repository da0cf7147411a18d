package atelier.search;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The encoder designs a search may try, after exercise sheet 2's encoder: blocks of convolutions each followed by
 * 2x2 max pooling, optionally batch normalization and a residual bypass, dropout, dense layers, and the optimizer
 * with its learning rate. Read from and written to a JSON file (unknown keys are refused, so a typo is caught).
 * {@link #pointAt} maps a point of the unit cube to a design, so that any sampler of the cube samples the space.
 *
 * @param maxParameters designs with more trainable parameters are skipped before training (0: no limit)
 */
public record SearchSpace(Range blocks, Range convsPerBlock, Range filters, List<Integer> kernels,
                          List<Boolean> residual, List<Boolean> batchNorm, Range dropout, Range denseLayers,
                          Range denseWidth, List<String> optimizers, Map<String, Range> learningRates,
                          long maxParameters) {
    private static final Set<String> OPTIMIZERS = Set.of("adadelta", "adam", "sgd");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SearchSpace {
        require(blocks, "blocks");
        require(convsPerBlock, "convsPerBlock");
        require(filters, "filters");
        require(dropout, "dropout");
        require(denseLayers, "denseLayers");
        require(denseWidth, "denseWidth");
        if (blocks.min() < 1) {
            throw new IllegalArgumentException("blocks: at least 1, got min " + blocks.min());
        }
        if (convsPerBlock.min() < 1) {
            throw new IllegalArgumentException("convsPerBlock: at least 1, got min " + convsPerBlock.min());
        }
        if (filters.min() < 1 || denseWidth.min() < 1) {
            throw new IllegalArgumentException("filters and denseWidth must be at least 1");
        }
        if (denseLayers.min() < 0) {
            throw new IllegalArgumentException("denseLayers: at least 0, got min " + denseLayers.min());
        }
        if (dropout.min() < 0 || dropout.max() >= 1) {
            throw new IllegalArgumentException("dropout: probabilities in [0, 1), got " + dropout.min() + " to "
                    + dropout.max());
        }
        kernels = nonEmpty(kernels, "kernels");
        for (int kernel : kernels) {
            if (kernel < 1) {
                throw new IllegalArgumentException("kernels: sizes must be at least 1, got " + kernel);
            }
        }
        residual = nonEmpty(residual, "residual");
        batchNorm = nonEmpty(batchNorm, "batchNorm");
        optimizers = nonEmpty(optimizers, "optimizers");
        if (learningRates == null) {
            throw new IllegalArgumentException("learningRates: missing (one range per optimizer)");
        }
        for (String optimizer : optimizers) {
            if (!OPTIMIZERS.contains(optimizer)) {
                throw new IllegalArgumentException("optimizers: \"" + optimizer + "\" is not adadelta, adam or sgd");
            }
            Range rate = learningRates.get(optimizer);
            if (rate == null || rate.min() <= 0) {
                throw new IllegalArgumentException("learningRates: " + optimizer
                        + " needs a range of positive rates");
            }
        }
        learningRates = Map.copyOf(learningRates);
        if (maxParameters < 0) {
            throw new IllegalArgumentException("maxParameters: 0 (no limit) or positive, got " + maxParameters);
        }
    }

    /**
     * The sheet's family: 1-4 blocks of 1-2 convolutions with 8-64 filters, 3x3 or 5x5, with and without residual
     * bypass and batch normalization, dropout up to 0.5, 0-2 dense layers of 32-256 units, Adadelta or Adam. The
     * parameter limit is mnist-net's 1.2 million: nothing bigger than the baseline is worth the budget.
     */
    public static SearchSpace defaults() {
        Map<String, Range> rates = new LinkedHashMap<>();
        rates.put("adadelta", Range.logarithmic(0.3, 1.5));
        rates.put("adam", Range.logarithmic(3e-4, 3e-3));
        rates.put("sgd", Range.logarithmic(0.01, 0.1));
        return new SearchSpace(Range.linear(1, 4), Range.linear(1, 2), Range.logarithmic(8, 64), List.of(3, 5),
                List.of(false, true), List.of(false, true), Range.linear(0, 0.5), Range.linear(0, 2),
                Range.logarithmic(32, 256), List.of("adadelta", "adam"), rates, 1_200_000);
    }

    /** How many coordinates of the unit cube a design takes: a filter count per possible block, a width per layer. */
    public int dimensions() {
        return 8 + maxBlocks() + maxDenseLayers();
    }

    int maxBlocks() {
        return (int) Math.floor(blocks.max());
    }

    int maxDenseLayers() {
        return (int) Math.floor(denseLayers.max());
    }

    /** The design at {@code u}, a point of [0, 1)^{@link #dimensions()}. */
    public SearchPoint pointAt(double[] u) {
        if (u.length != dimensions()) {
            throw new IllegalArgumentException("expected " + dimensions() + " coordinates, got " + u.length);
        }
        int next = 0;
        int blockCount = blocks.wholeAt(u[next++]);
        int convs = convsPerBlock.wholeAt(u[next++]);
        int kernel = choose(kernels, u[next++]);
        boolean bypass = choose(residual, u[next++]);
        boolean normalize = choose(batchNorm, u[next++]);
        double drop = Math.round(dropout.at(u[next++]) * 20) / 20.0;
        int dense = denseLayers.wholeAt(u[next++]);
        String optimizer = choose(optimizers, u[next++]);
        List<Integer> blockFilters = new ArrayList<>();
        for (int b = 0; b < maxBlocks(); b++) {
            int value = filters.wholeAt(u[next++]);
            if (b < blockCount) {
                blockFilters.add(value);
            }
        }
        List<Integer> widths = new ArrayList<>();
        for (int d = 0; d < maxDenseLayers(); d++) {
            int value = denseWidth.wholeAt(u[next++]);
            if (d < dense) {
                widths.add(value);
            }
        }
        // the learning rate reuses the optimizer's coordinate, stretched within its choice, so the cube stays
        // small and every optimizer still sees its whole rate range
        double within = u[7] * optimizers.size() - Math.floor(u[7] * optimizers.size());
        double rate = learningRates.get(optimizer).at(within);
        return new SearchPoint(blockCount, convs, blockFilters, kernel, bypass, normalize, drop, widths, optimizer,
                significant(rate));
    }

    public static SearchSpace read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a usable search space: " + e.getMessage(), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses the text of a space file, for the tab's editor; the message names what is wrong. */
    public static SearchSpace parse(String json) {
        try {
            return JSON.readValue(json, SearchSpace.class);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException bad ? bad : e;
            throw new IllegalArgumentException(firstLine(cause.getMessage()), e);
        }
    }

    private static <T> T choose(List<T> choices, double u) {
        return choices.get(Math.min(choices.size() - 1, (int) Math.floor(u * choices.size())));
    }

    private static double significant(double value) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", value));
    }

    private static void require(Range range, String name) {
        if (range == null) {
            throw new IllegalArgumentException(name + ": missing (give {\"min\": ..., \"max\": ...})");
        }
    }

    private static <T> List<T> nonEmpty(List<T> values, String name) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(name + ": give at least one choice");
        }
        return List.copyOf(values);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
