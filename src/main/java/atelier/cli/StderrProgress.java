package atelier.cli;

import atelier.task.Progress;
import java.io.PrintWriter;

/** Progress for the command line: a line on stderr at most every second and at the end, never on stdout. */
final class StderrProgress implements Progress {
    private final PrintWriter err;
    private long lastPrinted;

    StderrProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void update(String message, long done, long total) {
        long now = System.nanoTime();
        if (done == total || now - lastPrinted > 1_000_000_000L) {
            lastPrinted = now;
            err.printf("%s: %,d / %,d (%d%%)%n", message, done, total, total == 0 ? 100 : done * 100 / total);
            err.flush();
        }
    }
}
