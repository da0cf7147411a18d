package atelier.data;

import atelier.task.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns what a user names ({@code fashion}, {@code mnist}, or a folder) into a loaded {@link Dataset}. A folder
 * may hold the four IDX files or an image-folder dataset; which one is told from its contents.
 */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    /** The folder that {@code spec} names, without loading it. */
    public static Path resolve(String spec) {
        return switch (spec.toLowerCase(Locale.ROOT)) {
            case "fashion", "fashion-mnist" -> DataDirectory.find().resolve("fashion-mnist");
            case "mnist" -> DataDirectory.find().resolve("mnist");
            default -> Path.of(spec);
        };
    }

    public static Dataset load(String spec, Progress progress) {
        String name = switch (spec.toLowerCase(Locale.ROOT)) {
            case "fashion", "fashion-mnist" -> "Fashion-MNIST";
            case "mnist" -> "MNIST";
            default -> null;
        };
        Path folder = resolve(spec);
        return load(folder, name != null ? name : folderName(folder), progress);
    }

    public static Dataset load(Path folder, String name, Progress progress) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder + ": no such folder (a dataset is fashion, mnist, or a folder "
                    + "holding the four IDX files or training/ and testing/ image folders)");
        }
        if (IdxDatasetLoader.looksLikeIdxFolder(folder)) {
            progress.update("Reading IDX files", 0, 1);
            Dataset dataset = IdxDatasetLoader.load(folder, name);
            progress.update("Reading IDX files", 1, 1);
            return dataset;
        }
        if (ImageFolderLoader.looksLikeImageFolder(folder)) {
            return ImageFolderLoader.load(folder, name, progress);
        }
        throw new DatasetException(folder + ": neither an IDX dataset (train-images-idx3-ubyte[.gz] and its "
                + "three companions) nor an image folder (training/<class>/ and testing/<class>/)");
    }

    private static String folderName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }
}
