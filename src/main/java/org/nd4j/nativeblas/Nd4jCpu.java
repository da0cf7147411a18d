package org.nd4j.nativeblas;

/**
 * Work-around for a DL4J 1.0.0-M2.1 bug that keeps its oneDNN layer helpers from ever running. This is the only
 * file of the work-around; {@code atelier.nd4j.Nd4jSetup} enables the helpers themselves.
 *
 * <p><b>The bug.</b> {@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} asks, by
 * reflection, {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} whether libnd4j was
 * built with oneDNN. ND4J M2.1 moved that binding to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and
 * renamed the method {@code isUseONEDNN()}. The lookup throws {@code ClassNotFoundException}, the helper
 * swallows it, answers "not supported", and every {@code MKLDNNConvHelper}, {@code MKLDNNSubsamplingHelper} and
 * {@code MKLDNNBatchNormHelper} removes itself (debug log "Removed helper class ... as not supported"). Layers
 * then fall back to DL4J's Java-side im2col/col2im, 5-8x slower.
 *
 * <p><b>The fix.</b> This class supplies the old name and forwards the question to the real binding.
 *
 * <p><b>When to delete it.</b> When a DL4J release's {@code BaseMKLDNNHelper} no longer names
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} (check with
 * {@code javap -c -p -cp deeplearning4j-nn-*.jar org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper | grep Nd4jCpu}),
 * or when ND4J itself ships a class of this name. {@code atelier.nd4j.OnednnHelpersTest} shows whether the helper
 * is active; it must keep passing without this file.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The old binding's name for libnd4j's environment, reduced to the one question DL4J asks. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether libnd4j uses its oneDNN platform helpers (false for the generic build, which has none). */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
