package atelier;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The {@code %process} of Atelier's log pattern: the process id and what the process is (the window, or the
 * command it runs), so that the lines two Atelier processes write into one log file can be told apart.
 */
public final class ProcessLabel extends ClassicConverter {
    /** Set by {@link Main} before the first log line: "app" or the command's name. */
    public static final String PROPERTY = "atelier.process";
    private static final long PID = ProcessHandle.current().pid();

    @Override
    public String convert(ILoggingEvent event) {
        return PID + " " + System.getProperty(PROPERTY, "java");
    }
}
