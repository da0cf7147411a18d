package atelier.analysis.tsne;

import org.jtransforms.fft.FloatFFT_2D;

/**
 * Repulsive forces by FFT-accelerated interpolation (Linderman, Rachh, Hoskins, Steinerberger and Kluger 2019,
 * "Fast interpolation-based t-SNE", as FIt-SNE and openTSNE implement it), O(n + m² log m) instead of O(n²).
 * <ol>
 *   <li>The map's square bounding box is cut into boxes (at least {@value #MIN_BOXES} a side, a fixed width in map
 *       units once the map is large enough), with {@value #NODES_PER_BOX}×{@value #NODES_PER_BOX} equispaced
 *       interpolation nodes in each. Widths come from a fixed ladder, so the kernel's transform, which depends only
 *       on the grid's size and spacing, is reused from step to step instead of recomputed.</li>
 *   <li>Every point spreads its four charges (1, x, y, x² + y²) onto the 9 nodes of its box with Lagrange
 *       weights.</li>
 *   <li>The squared Cauchy kernel between all pairs of nodes is a Toeplitz operator on the node grid, so applying
 *       it is a convolution: zero-padded to a circulant of twice the size and done by FFT (JTransforms, in single
 *       precision: its rounding is far below the interpolation error). Two real charge grids travel as the real and
 *       imaginary parts of one complex grid, since the kernel is real.</li>
 *   <li>The potentials are interpolated back to the points with the same weights, and combine into the forces
 *       and the normalization Z.</li>
 * </ol>
 */
final class InterpolatedRepulsion implements RepulsiveForces {
    static final int NODES_PER_BOX = 3;
    static final int MIN_BOXES = 50;
    /** Box sizes whose FFT lengths (6 × boxes) have only the factors 2, 3 and 5, which FFTs do fastest. */
    private static final int[] FRIENDLY_BOXES = friendlySizes(MIN_BOXES, 1000);

    private final ParallelWork work;
    private final int maxBoxes;
    private final double unitsPerBox;
    private int lastBoxes;
    private int kernelBoxes;
    private double kernelWidth;
    private FloatFFT_2D fft;
    private float[] kernelTransform;
    private float[][] pairGrids;
    private double[][] charges;
    private double[][] potentials;
    private int[] node;
    private double[] weights;

    /**
     * @param maxBoxes    the most boxes a side (bounds the cost per iteration for very spread maps)
     * @param unitsPerBox the box width aimed at, in map units (openTSNE and FIt-SNE use 1)
     */
    InterpolatedRepulsion(ParallelWork work, int maxBoxes, double unitsPerBox) {
        this.work = work;
        this.maxBoxes = Math.max(MIN_BOXES, maxBoxes);
        this.unitsPerBox = unitsPerBox;
        // The two charge-grid pairs are transformed on two of our threads; JTransforms' own threads would only
        // compete with them.
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    /** Boxes a side used by the last call, for reporting. */
    int lastBoxes() {
        return lastBoxes;
    }

    @Override
    public double compute(double[] y, double[] out) {
        int n = y.length / 2;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double span = Math.max(max - min, 1e-12) * (1 + 2e-9);
        // A hair of margin keeps the largest coordinate inside the last box.
        min -= span * 1e-9;
        double boxWidth = ladderWidth(span);
        int boxes = friendly((int) Math.ceil(span / boxWidth));
        if (boxes * boxWidth < span) {
            // Capped: wider boxes (again on the ladder), the same count.
            int rung = (int) Math.ceil(Math.log(span / (boxes * unitsPerBox)) / Math.log(1.1));
            boxWidth = unitsPerBox * Math.pow(1.1, rung);
        }
        lastBoxes = boxes;
        int m = boxes * NODES_PER_BOX;
        prepare(n, boxes, boxWidth);
        locate(y, n, min, boxWidth, boxes, node, weights);
        for (double[] grid : charges) {
            java.util.Arrays.fill(grid, 0, m * m, 0);
        }
        spread(y, n, m, node, weights, charges);
        convolve(charges, m, potentials);
        double[][] potentials = this.potentials;
        int[] node = this.node;
        double[] weights = this.weights;

        double[] partial = new double[ParallelWork.chunkCount(n)];
        work.forRanges(n, (chunk, from, to) -> {
            double z = 0;
            for (int i = from; i < to; i++) {
                double phi0 = 0;
                double phi1 = 0;
                double phi2 = 0;
                double phi3 = 0;
                int base = node[i];
                for (int a = 0; a < NODES_PER_BOX; a++) {
                    for (int b = 0; b < NODES_PER_BOX; b++) {
                        double w = weights[6 * i + a] * weights[6 * i + 3 + b];
                        int at = base + b * m + a;
                        phi0 += w * potentials[0][at];
                        phi1 += w * potentials[1][at];
                        phi2 += w * potentials[2][at];
                        phi3 += w * potentials[3][at];
                    }
                }
                double x0 = y[2 * i];
                double x1 = y[2 * i + 1];
                out[2 * i] = x0 * phi0 - phi1;
                out[2 * i + 1] = x1 * phi0 - phi2;
                z += (1 + x0 * x0 + x1 * x1) * phi0 - 2 * (x0 * phi1 + x1 * phi2) + phi3;
            }
            partial[chunk] = z;
        });
        double z = -n;
        for (double value : partial) {
            z += value;
        }
        return z;
    }

    /** Each point's first node (row-major, column = x) and its three x and three y Lagrange weights. */
    private void locate(double[] y, int n, double min, double boxWidth, int boxes, int[] node, double[] weights) {
        int m = boxes * NODES_PER_BOX;
        work.forRanges(n, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                double u = (y[2 * i] - min) / boxWidth;
                double v = (y[2 * i + 1] - min) / boxWidth;
                int bx = Math.min(boxes - 1, (int) u);
                int by = Math.min(boxes - 1, (int) v);
                node[i] = by * NODES_PER_BOX * m + bx * NODES_PER_BOX;
                lagrange(u - bx, weights, 6 * i);
                lagrange(v - by, weights, 6 * i + 3);
            }
        });
    }

    /** Lagrange basis at t ∈ [0, 1) for nodes at 1/6, 1/2 and 5/6 of the box. */
    static void lagrange(double t, double[] out, int at) {
        double h = 1.0 / NODES_PER_BOX;
        for (int k = 0; k < NODES_PER_BOX; k++) {
            double uk = (k + 0.5) * h;
            double value = 1;
            for (int l = 0; l < NODES_PER_BOX; l++) {
                if (l != k) {
                    double ul = (l + 0.5) * h;
                    value *= (t - ul) / (uk - ul);
                }
            }
            out[at + k] = value;
        }
    }

    /**
     * Sums the charges onto the node grids. Done on one thread: it is a few million multiply-adds, and threads
     * would each need a private copy of the grids.
     */
    private static void spread(double[] y, int n, int m, int[] node, double[] weights, double[][] charges) {
        double[] g0 = charges[0];
        double[] g1 = charges[1];
        double[] g2 = charges[2];
        double[] g3 = charges[3];
        for (int i = 0; i < n; i++) {
            double x0 = y[2 * i];
            double x1 = y[2 * i + 1];
            double squared = x0 * x0 + x1 * x1;
            int base = node[i];
            for (int b = 0; b < NODES_PER_BOX; b++) {
                double wy = weights[6 * i + 3 + b];
                for (int a = 0; a < NODES_PER_BOX; a++) {
                    double w = weights[6 * i + a] * wy;
                    int at = base + b * m + a;
                    g0[at] += w;
                    g1[at] += w * x0;
                    g2[at] += w * x1;
                    g3[at] += w * squared;
                }
            }
        }
    }

    /**
     * The box width for a map of this span: {@code unitsPerBox} once that gives at least {@value #MIN_BOXES}
     * boxes, else the next width below span / {@value #MIN_BOXES} on a ladder of ratio 1.1.
     */
    private double ladderWidth(double span) {
        if (span >= MIN_BOXES * unitsPerBox) {
            return unitsPerBox;
        }
        int rung = (int) Math.ceil(Math.log(unitsPerBox * MIN_BOXES / span) / Math.log(1.1));
        return unitsPerBox * Math.pow(1.1, -rung);
    }

    /** Buffers sized for this grid (kept between steps), and the kernel's transform when the grid changed. */
    private void prepare(int n, int boxes, double boxWidth) {
        int m = boxes * NODES_PER_BOX;
        int size = 2 * m;
        if (node == null || node.length != n) {
            node = new int[n];
            weights = new double[6 * n];
        }
        if (charges == null || charges[0].length < m * m) {
            charges = new double[4][m * m];
            potentials = new double[4][m * m];
        }
        if (boxes == kernelBoxes && boxWidth == kernelWidth) {
            return;
        }
        kernelBoxes = boxes;
        kernelWidth = boxWidth;
        fft = new FloatFFT_2D(size, size);
        pairGrids = new float[2][size * size * 2];
        double spacing = boxWidth / NODES_PER_BOX;
        float[] kernel = new float[size * size * 2];
        for (int r = -(m - 1); r <= m - 1; r++) {
            int row = Math.floorMod(r, size);
            double dy = r * spacing;
            for (int c = -(m - 1); c <= m - 1; c++) {
                int column = Math.floorMod(c, size);
                double dx = c * spacing;
                double w = 1 / (1 + dx * dx + dy * dy);
                kernel[2 * (row * size + column)] = (float) (w * w);
            }
        }
        fft.complexForward(kernel);
        // The kernel is real and even on the circle, so its transform is real: keep the real parts.
        kernelTransform = new float[size * size];
        for (int e = 0; e < kernelTransform.length; e++) {
            kernelTransform[e] = kernel[2 * e];
        }
    }

    /** Applies the squared Cauchy kernel between all node pairs to each charge grid, by FFT on a 2m circulant. */
    private void convolve(double[][] charges, int m, double[][] potentials) {
        int size = 2 * m;
        work.forRanges(2, (chunk, from, to) -> {
            for (int pair = from; pair < to; pair++) {
                double[] real = charges[2 * pair];
                double[] imaginary = charges[2 * pair + 1];
                float[] grid = pairGrids[pair];
                java.util.Arrays.fill(grid, 0);
                for (int r = 0; r < m; r++) {
                    for (int c = 0; c < m; c++) {
                        int at = 2 * (r * size + c);
                        grid[at] = (float) real[r * m + c];
                        grid[at + 1] = (float) imaginary[r * m + c];
                    }
                }
                fft.complexForward(grid);
                for (int e = 0; e < kernelTransform.length; e++) {
                    float scale = kernelTransform[e];
                    grid[2 * e] *= scale;
                    grid[2 * e + 1] *= scale;
                }
                fft.complexInverse(grid, true);
                double[] outReal = potentials[2 * pair];
                double[] outImaginary = potentials[2 * pair + 1];
                for (int r = 0; r < m; r++) {
                    for (int c = 0; c < m; c++) {
                        int at = 2 * (r * size + c);
                        outReal[r * m + c] = grid[at];
                        outImaginary[r * m + c] = grid[at + 1];
                    }
                }
            }
        });
    }

    private int friendly(int wanted) {
        int clamped = Math.max(MIN_BOXES, Math.min(maxBoxes, wanted));
        for (int size : FRIENDLY_BOXES) {
            if (size >= clamped) {
                return size;
            }
        }
        return FRIENDLY_BOXES[FRIENDLY_BOXES.length - 1];
    }

    private static int[] friendlySizes(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).filter(size -> {
            int rest = size;
            for (int factor : new int[] {2, 3, 5}) {
                while (rest % factor == 0) {
                    rest /= factor;
                }
            }
            return rest == 1;
        }).toArray();
    }
}
