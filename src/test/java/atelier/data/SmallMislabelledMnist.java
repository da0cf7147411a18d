package atelier.data;

import atelier.task.Progress;
import java.nio.file.Path;
import java.util.List;

/**
 * A small stand-in for data/mnist_png_mislabelled that tests can afford: the first MNIST training and test images
 * written as an image folder by {@code data mislabel}'s generator, some labels flipped, the truth file beside it.
 */
public final class SmallMislabelledMnist {
    private SmallMislabelledMnist() {
    }

    public static Path write(Path folder, int trainImages, int testImages, int flips) {
        Dataset mnist = DatasetLoader.load("mnist", Progress.NONE);
        Dataset small = new Dataset("small", mnist.source(), mnist.classes(), first(mnist.train(), trainImages),
                first(mnist.test(), testImages), List.of());
        MislabelGenerator.generate(small, flips, 7, folder, Progress.NONE);
        return folder;
    }

    private static ImageSet first(ImageSet set, int count) {
        byte[] pixels = new byte[count * set.pixelsPerImage()];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            set.copyImage(i, pixels, i * set.pixelsPerImage());
            labels[i] = set.label(i);
        }
        return new ImageSet(set.height(), set.width(), pixels, labels, null);
    }
}
