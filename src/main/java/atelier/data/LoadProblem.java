package atelier.data;

/** Something wrong with one file or folder that did not stop the dataset from loading. */
public record LoadProblem(String file, String reason) {
    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
