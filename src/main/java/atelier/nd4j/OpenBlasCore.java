package atelier.nd4j;

import java.util.Set;

/**
 * The OpenBLAS kernels to ask for, from the CPU's flags. ND4J's OpenBLAS (0.3.19) picks its kernels by CPU model
 * and falls back to its oldest x86-64 ones (Prescott, SSE3) on a model it does not know, even one with AVX-512: on
 * an Intel Xeon of family 6, model 207, a 1024×1024 single-precision {@code INDArray.mmul} ran at 15-18 GFLOP/s on
 * one thread with what it chose and at 54-84 GFLOP/s with {@code OPENBLAS_CORETYPE=SKYLAKEX}. The engine's own
 * products ({@code Nd4j.gemm}) go to oneDNN's and are fast either way (131-137 GFLOP/s there); what OpenBLAS still
 * does is {@code mmul} on views (t-SNE's PCA) and the level-1 calls (axpy) of the optimizers and ND4J itself.
 * OpenBLAS reads the variable once, when it loads, so {@link Nd4jSetup} sets it before ND4J loads, unless whoever
 * started the JVM set it.
 */
final class OpenBlasCore {
    /** The environment variable that overrides OpenBLAS's own choice of kernels. */
    static final String VARIABLE = "OPENBLAS_CORETYPE";

    private OpenBlasCore() {
    }

    /**
     * The kernels for these {@code /proc/cpuinfo} flags: Skylake-X's when the CPU has its AVX-512 subsets, Haswell's
     * (AVX2 and FMA) otherwise when it has those, and null (OpenBLAS's own choice) for anything older or unknown.
     */
    static String forFlags(Set<String> flags) {
        if (flags.containsAll(Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"))) {
            return "SKYLAKEX";
        }
        if (flags.containsAll(Set.of("avx2", "fma"))) {
            return "HASWELL";
        }
        return null;
    }
}
