package atelier.ui;

import java.nio.file.Path;

/** What the user asked to open: one of the shipped datasets, or a folder. */
public record DatasetChoice(String spec, String label) {
    public static final DatasetChoice FASHION_MNIST = new DatasetChoice("fashion", "Fashion-MNIST");
    public static final DatasetChoice MNIST = new DatasetChoice("mnist", "MNIST");

    public static DatasetChoice folder(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return new DatasetChoice(folder.toString(), name == null ? folder.toString() : name.toString());
    }

    @Override
    public String toString() {
        return label;
    }
}
