package atelier.analysis.tsne;

/** Receives the map while it is optimized, for drawing it live. Called on the optimizing thread. */
@FunctionalInterface
public interface MapListener {
    MapListener NONE = (done, total, map) -> { };

    /** @param map a fresh copy of the coordinates, [point * 2 + axis], owned by the receiver */
    void update(int done, int total, float[] map);
}
