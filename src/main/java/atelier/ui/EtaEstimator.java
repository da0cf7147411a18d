package atelier.ui;

import java.time.Duration;

/** "Reading images 12,000 / 70,000 · 8 s left": the remaining time from the average rate since the first report. */
final class EtaEstimator {
    private long startNanos = -1;
    private long startDone;

    synchronized String describe(String message, long done, long total) {
        long now = System.nanoTime();
        if (startNanos < 0 || done < startDone) {
            startNanos = now;
            startDone = done;
        }
        String text = String.format("%s %,d / %,d", message, done, total);
        double seconds = (now - startNanos) / 1e9;
        long progressed = done - startDone;
        if (progressed > 0 && seconds > 0.5 && done < total) {
            long left = Math.round((total - done) * seconds / progressed);
            text += " · " + format(Duration.ofSeconds(left)) + " left";
        }
        return text;
    }

    static String format(Duration duration) {
        long s = duration.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
