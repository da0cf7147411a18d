package atelier.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Loads a folder holding the four IDX files under their official names (train-images-idx3-ubyte,
 * train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; gzipped or not), as Fashion-MNIST,
 * MNIST and KMNIST are published. Files listed in the folder's SHA256SUMS are verified first.
 */
public final class IdxDatasetLoader {
    private IdxDatasetLoader() {
    }

    public static boolean looksLikeIdxFolder(Path folder) {
        return find(folder, "train-images", "idx3-ubyte") != null;
    }

    public static Dataset load(Path folder, String name) {
        ImageSet train = loadSplit(folder, "train");
        ImageSet test = loadSplit(folder, "t10k");
        int classCount = 1 + Math.max(Arrays.stream(train.labels()).max().orElse(0),
                Arrays.stream(test.labels()).max().orElse(0));
        List<String> classes = ClassNames.forIdxFolder(folder, classCount);
        return new Dataset(name, folder, classes, train, test, List.of());
    }

    private static ImageSet loadSplit(Path folder, String prefix) {
        Path imagesFile = require(folder, prefix + "-images", "idx3-ubyte");
        Path labelsFile = require(folder, prefix + "-labels", "idx1-ubyte");
        Checksums.verify(imagesFile);
        Checksums.verify(labelsFile);
        IdxFile images = IdxFile.read(imagesFile);
        IdxFile labels = IdxFile.read(labelsFile);
        int[] imageDims = images.dimensions();
        int[] labelDims = labels.dimensions();
        if (imageDims.length != 3) {
            throw new DatasetException(imagesFile + ": has " + imageDims.length
                    + " dimensions, images need 3 (count, height, width)");
        }
        if (labelDims.length != 1) {
            throw new DatasetException(labelsFile + ": has " + labelDims.length + " dimensions, labels need 1");
        }
        if (imageDims[0] != labelDims[0]) {
            throw new DatasetException(imagesFile + " holds " + imageDims[0] + " images but " + labelsFile
                    + " holds " + labelDims[0] + " labels");
        }
        byte[] rawLabels = labels.data();
        int[] labelValues = new int[rawLabels.length];
        for (int i = 0; i < rawLabels.length; i++) {
            labelValues[i] = rawLabels[i] & 0xff;
        }
        return new ImageSet(imageDims[1], imageDims[2], images.data(), labelValues, null);
    }

    private static Path require(Path folder, String stem, String kind) {
        Path file = find(folder, stem, kind);
        if (file == null) {
            throw new DatasetException(folder + ": no " + stem + "-" + kind + " file (looked for "
                    + stem + "-" + kind + "[.gz] and " + stem + "." + kind + "[.gz])");
        }
        return file;
    }

    private static Path find(Path folder, String stem, String kind) {
        for (String separator : new String[] {"-", "."}) {
            for (String suffix : new String[] {".gz", ""}) {
                Path candidate = folder.resolve(stem + separator + kind + suffix);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
