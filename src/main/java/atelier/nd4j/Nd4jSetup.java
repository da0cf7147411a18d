package atelier.nd4j;

import atelier.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that prepares ND4J and DL4J before their first use, and sets their thread count later on.
 *
 * <p>{@link #configure(int)} must run before any class touches {@code Nd4j}: the native variant is chosen by a
 * JavaCPP system property that is read once, when ND4J's native library loads. It
 * <ul>
 *   <li>chooses ND4J's native build: the build's extension (normally {@code -onednn-avx2}, see
 *       {@link BuildInfo#nd4jExtension()}) when the CPU has AVX2, else the generic build;</li>
 *   <li>asks OpenBLAS for the kernels that the CPU's flags call for, where OpenBLAS would not recognize the
 *       model (see {@link OpenBlasCore});</li>
 *   <li>enables DL4J's layer helpers (DL4J M2.1 ships them disabled), so that convolution and pooling layers go
 *       through libnd4j's oneDNN kernels; see {@code org.nd4j.nativeblas.Nd4jCpu} for the lookup that M2.1 needs
 *       besides;</li>
 *   <li>routes JavaCPP's own messages to SLF4J, so that native start-up chatter ends in the log file (and on
 *       stderr from WARN up), never on stdout;</li>
 *   <li>gives every thread that runs ND4J one native thread: libnd4j's own pool, OpenMP (oneDNN's convolutions)
 *       and OpenBLAS all run single-threaded, and the cores are used by running work on several Java threads
 *       instead: the engine splits each batch across {@code threads} threads ({@code atelier.engine.Shards}), a
 *       study or search trains runs side by side, t-SNE cuts its products in blocks. Measured on 2 cores: a batch
 *       of 64 small images does not keep two cores busy inside one op (libnd4j's elementwise ops stay on one
 *       thread at that size, oneDNN's convolutions gain 1.2× from a second one), and native pools of two threads
 *       called from two Java threads at once oversubscribe the cores (encoder: 1,184-1,241 images/s split with
 *       one native thread per slice, 840-961 with OpenBLAS or libnd4j at two). libnd4j sizes its pool once, from
 *       the environment variable {@code OMP_NUM_THREADS}, when it loads (its {@code setMaxThreads} does nothing in
 *       M2.1), so the first call puts {@code OMP_NUM_THREADS=1} into the process environment unless whoever
 *       started the JVM already set it.</li>
 * </ul>
 * {@link Settings#threads()} is the number of cores that work may use at once; calling {@link #configure(int)}
 * again changes that number and sets the calling thread's OpenMP count (OpenMP keeps it per thread) back to 1.
 */
public final class Nd4jSetup {
    /** JavaCPP's system property that picks a native build variant such as {@code -onednn-avx2}. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** DL4J's switch for its oneDNN/cuDNN layer helpers; M2.1 defaults it to {@code true} (disabled). */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    private static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";
    /** Native threads of each Java thread that runs ND4J. */
    private static final int NATIVE_THREADS = 1;
    private static final String JAVACPP_LOGGER_PROPERTY = "org.bytedeco.javacpp.logger";
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Set<String> AVX2_AND_FMA = Set.of("avx2", "fma");
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jSetup.class);

    private static volatile Settings settings;

    private Nd4jSetup() {
    }

    /** What {@link #configure} chose. */
    public record Settings(String extension, boolean avx2, int threads) {
        /** True when the oneDNN build of libnd4j is the one loaded. */
        public boolean onednn() {
            return extension.contains("onednn");
        }
    }

    /** Configures ND4J with one thread per available core. */
    public static synchronized Settings configure() {
        return configure(defaultThreads());
    }

    /**
     * Configures ND4J (first call) and sets its thread count (every call).
     *
     * @param threads threads for linear algebra and convolutions; at least 1
     */
    public static synchronized Settings configure(int threads) {
        prepare(threads);
        applyThreads(threads);
        return settings;
    }

    /**
     * The part of {@link #configure(int)} that must come before anything touches ND4J, without loading ND4J's
     * native library (which takes a second or two): the window calls this at once and loads the library on a
     * thread of its own while it opens, so that the first thumbnails need not wait for it.
     */
    public static synchronized Settings prepare(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (settings == null) {
            boolean avx2 = cpuHasAvx2();
            String extension = chooseExtension(BuildInfo.nd4jExtension(), avx2);
            String preset = System.getProperty(EXTENSION_PROPERTY);
            if (preset != null) {
                // Whoever started the JVM chose a variant explicitly: respect it.
                extension = preset;
            } else {
                System.setProperty(EXTENSION_PROPERTY, extension);
            }
            System.setProperty(HELPERS_DISABLE_PROPERTY,
                    System.getProperty(HELPERS_DISABLE_PROPERTY, "false"));
            if (System.getProperty(JAVACPP_LOGGER_PROPERTY) == null) {
                System.setProperty(JAVACPP_LOGGER_PROPERTY, "slf4j");
            }
            if (System.getenv(OMP_NUM_THREADS) == null) {
                ProcessEnvironment.set(OMP_NUM_THREADS, "1");
            }
            String blasCore = System.getenv(OpenBlasCore.VARIABLE);
            if (blasCore == null) {
                blasCore = OpenBlasCore.forFlags(cpuFlags());
                if (blasCore != null && !ProcessEnvironment.set(OpenBlasCore.VARIABLE, blasCore)) {
                    blasCore = null;
                }
            }
            settings = new Settings(extension, avx2, threads);
            LOG.info("ND4J native variant '{}' (AVX2: {}), OpenBLAS kernels {}, helpers enabled, {} threads of one "
                    + "native thread each", extension, avx2, blasCore == null ? "of its own choice" : blasCore, threads);
        } else {
            settings = new Settings(settings.extension(), settings.avx2(), threads);
        }
        return settings;
    }

    /** The settings in force, or null before {@link #configure} (or {@link #prepare}) ran; never waits. */
    public static Settings current() {
        return settings;
    }

    /** One thread per core available to this JVM. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static void applyThreads(int threads) {
        // Loads ND4J's backend (and so the native library chosen above) on first use. One native thread per Java
        // thread whatever the count: see the class comment.
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(NATIVE_THREADS);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(NATIVE_THREADS);
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(NATIVE_THREADS);
        org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(NATIVE_THREADS);
    }

    /**
     * The variant to load: the build's extension when it is an AVX2 build and the CPU has AVX2, the generic
     * build ("") otherwise.
     */
    static String chooseExtension(String buildExtension, boolean cpuHasAvx2) {
        String extension = Objects.requireNonNullElse(buildExtension, "").trim();
        if (extension.isEmpty()) {
            return "";
        }
        if (extension.contains("avx2") && !cpuHasAvx2) {
            return "";
        }
        return extension;
    }

    /** Whether this CPU has AVX2 (and FMA, which ND4J's AVX2 builds also use), from /proc/cpuinfo. */
    public static boolean cpuHasAvx2() {
        // No /proc (macOS, Windows): the generic build is the safe choice when we cannot tell.
        return cpuFlags().containsAll(AVX2_AND_FMA);
    }

    /** The CPU's flags from /proc/cpuinfo; empty where there is none. */
    private static Set<String> cpuFlags() {
        try {
            if (Files.isReadable(CPUINFO)) {
                return flags(Files.readAllLines(CPUINFO));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {}: {}", CPUINFO, e.toString());
        }
        return Set.of();
    }

    static boolean flagsHaveAvx2(List<String> cpuinfo) {
        return flags(cpuinfo).containsAll(AVX2_AND_FMA);
    }

    /** The flags of the first "flags" line of a /proc/cpuinfo text, lower case. */
    static Set<String> flags(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("flags")) {
                int colon = lower.indexOf(':');
                return Set.copyOf(Arrays.asList(lower.substring(colon + 1).trim().split("\\s+")));
            }
        }
        return Set.of();
    }
}
