package atelier.nd4j;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees ND4J's off-heap memory now rather than when the garbage collector collects the array that holds it, which
 * it seldom needs to do (the Java side of an array is small): a search that built a network per trial held
 * gigabytes of dead buffers that way.
 */
public final class NativeMemory {
    private NativeMemory() {
    }

    /** Frees the array's buffer, once; null, views' shared buffers (not closeable) and freed buffers are skipped. */
    public static void free(INDArray array) {
        if (array != null) {
            free(array.data());
        }
    }

    /** Frees the buffer, once; null and buffers that cannot be closed are skipped. */
    public static void free(DataBuffer buffer) {
        if (buffer != null && buffer.closeable() && !buffer.wasClosed()) {
            buffer.close();
        }
    }
}
