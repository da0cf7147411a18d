package atelier.search;

/** A search space of one small convolution block, whose trials train in a fraction of a second, for tests. */
public final class TestSpaces {
    public static final String TINY_JSON = """
            {"blocks": {"min": 1, "max": 1}, "convsPerBlock": {"min": 1, "max": 1},
             "filters": {"min": 4, "max": 8}, "kernels": [3], "residual": [false], "batchNorm": [false],
             "dropout": {"min": 0, "max": 0}, "denseLayers": {"min": 0, "max": 1},
             "denseWidth": {"min": 8, "max": 16}, "optimizers": ["adam"],
             "learningRates": {"adam": {"min": 0.001, "max": 0.003, "log": true}}, "maxParameters": 0}
            """;

    private TestSpaces() {
    }

    public static SearchSpace tiny() {
        return SearchSpace.parse(TINY_JSON);
    }
}
