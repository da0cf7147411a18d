package atelier.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A finished run's per-iteration training loss, read back from its iterations.csv. */
public final class RunCurves {
    private RunCurves() {
    }

    public static float[] iterationLosses(Path runFolder) {
        Path file = runFolder.resolve(RunStore.ITERATIONS);
        if (!Files.isRegularFile(file)) {
            return new float[0];
        }
        FloatList losses = new FloatList();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            while ((line = reader.readLine()) != null) {
                int comma = line.lastIndexOf(',');
                if (comma > 0) {
                    try {
                        losses.add(Float.parseFloat(line.substring(comma + 1)));
                    } catch (NumberFormatException torn) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return losses.toArray();
    }

    /**
     * At most {@code maxPoints} (x, y) pairs summarizing {@code values}: the mean of each equal bucket, at the
     * bucket's middle iteration (1-based), so that 10,000 points draw as fast as a few hundred.
     */
    public static double[][] decimate(float[] values, int length, int maxPoints) {
        if (length <= maxPoints) {
            double[][] points = new double[length][];
            for (int i = 0; i < length; i++) {
                points[i] = new double[] {i + 1, values[i]};
            }
            return points;
        }
        double[][] points = new double[maxPoints][];
        for (int p = 0; p < maxPoints; p++) {
            int start = (int) ((long) p * length / maxPoints);
            int end = (int) ((long) (p + 1) * length / maxPoints);
            double sum = 0;
            for (int i = start; i < end; i++) {
                sum += values[i];
            }
            points[p] = new double[] {(start + end + 1) / 2.0, sum / (end - start)};
        }
        return points;
    }

    /** A growable float array: iteration logs hold tens of thousands of values. */
    public static final class FloatList {
        private float[] values = new float[1024];
        private int size;

        public synchronized void add(float value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        public synchronized int size() {
            return size;
        }

        public synchronized float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
