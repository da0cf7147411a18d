package atelier.nd4j;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a variable in this process's native environment (what C code reads with {@code getenv}), which Java itself
 * cannot do. Used for {@code OMP_NUM_THREADS} before libnd4j and libgomp load. Java's {@code System.getenv} keeps
 * showing the values the JVM started with.
 */
final class ProcessEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessEnvironment.class);

    private ProcessEnvironment() {
    }

    /** POSIX C library calls. */
    private interface PosixC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** Microsoft C runtime. */
    private interface WindowsC extends Library {
        int _putenv_s(String name, String value);
    }

    /** Returns true when the variable was set. */
    static boolean set(String name, String value) {
        try {
            int result;
            if (Platform.isWindows()) {
                result = Native.loadLibrary("msvcrt", WindowsC.class)._putenv_s(name, value);
            } else {
                result = Native.loadLibrary("c", PosixC.class).setenv(name, value, 1);
            }
            if (result != 0) {
                LOG.warn("could not set {}={} in the process environment (error {})", name, value, result);
            }
            return result == 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.warn("could not set {}={} in the process environment: {}", name, value, e.toString());
            return false;
        }
    }
}
