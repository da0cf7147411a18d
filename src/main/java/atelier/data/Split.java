package atelier.data;

/** The two parts of every dataset: the images a model learns from and the images it is measured on. */
public enum Split {
    TRAIN("train", "training"),
    TEST("test", "testing");

    private final String key;
    private final String folderName;

    Split(String key, String folderName) {
        this.key = key;
        this.folderName = folderName;
    }

    /** Short name used in files and on the command line. */
    public String key() {
        return key;
    }

    /** Folder name in the mnist_png layout. */
    public String folderName() {
        return folderName;
    }

    public static Split parse(String text) {
        for (Split split : values()) {
            if (split.key.equalsIgnoreCase(text) || split.folderName.equalsIgnoreCase(text)) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown split '" + text + "': use train or test");
    }
}
