package atelier.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded dataset: class names, the training and test images, and the problems met while loading.
 *
 * @param name   what the user calls it (Fashion-MNIST, MNIST, or the folder's name)
 * @param source the folder it was loaded from
 */
public record Dataset(String name, Path source, List<String> classes, ImageSet train, ImageSet test,
                      List<LoadProblem> problems) {

    public Dataset {
        classes = List.copyOf(classes);
        problems = List.copyOf(problems);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new IllegalArgumentException("training images are " + train.height() + "x" + train.width()
                    + " but test images are " + test.height() + "x" + test.width());
        }
    }

    public ImageSet split(Split split) {
        return split == Split.TRAIN ? train : test;
    }

    public int height() {
        return train.height();
    }

    public int width() {
        return train.width();
    }

    /** Atelier's datasets are grayscale; colour images are converted on load. */
    public int channels() {
        return 1;
    }

    public int classCount() {
        return classes.size();
    }

    public String className(int label) {
        return label >= 0 && label < classes.size() ? classes.get(label) : "class " + label;
    }
}
