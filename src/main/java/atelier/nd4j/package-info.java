/**
 * ND4J and DL4J set-up that must happen before their first use: native variant (oneDNN+AVX2 build when the CPU
 * allows it), thread counts, DL4J layer helpers, and JavaCPP logging through SLF4J. See
 * {@link atelier.nd4j.Nd4jSetup}. The work-around for DL4J M2.1's broken oneDNN helper lookup is the single file
 * {@code org/nd4j/nativeblas/Nd4jCpu.java}, which has to carry that package name.
 */
package atelier.nd4j;
