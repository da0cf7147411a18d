package atelier.analysis.tsne;

/**
 * The k nearest neighbours of each of n points, nearest first.
 *
 * @param indices          [point * k + rank]: the neighbour's point index
 * @param squaredDistances [point * k + rank]: its squared Euclidean distance
 */
public record Neighbors(int n, int k, int[] indices, float[] squaredDistances) {
    public Neighbors {
        if (indices.length != (long) n * k || squaredDistances.length != (long) n * k) {
            throw new IllegalArgumentException("expected " + n + " × " + k + " neighbours, got " + indices.length);
        }
    }

    public int index(int point, int rank) {
        return indices[point * k + rank];
    }

    public float squaredDistance(int point, int rank) {
        return squaredDistances[point * k + rank];
    }
}
