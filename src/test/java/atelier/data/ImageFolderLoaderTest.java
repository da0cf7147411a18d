package atelier.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atelier.task.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsPngAndJpegAndReportsEveryProblemWithoutStopping() throws Exception {
        Path train = dir.resolve("training");
        TestImages.png(train.resolve("cat/a.png"), 8, 8, 200);
        TestImages.png(train.resolve("cat/b.png"), 8, 8, 100);
        TestImages.jpeg(train.resolve("dog/c.jpg"), 8, 8, 0x808080);
        TestImages.png(train.resolve("dog/big.png"), 16, 12, 50);
        Files.writeString(train.resolve("dog/broken.png"), "this is not a png");
        Files.createDirectories(train.resolve("empty"));
        TestImages.png(dir.resolve("testing/cat/t.png"), 8, 8, 10);

        Dataset dataset = ImageFolderLoader.load(dir, "pets", Progress.NONE);

        assertThat(dataset.classes()).containsExactly("cat", "dog", "empty");
        assertThat(dataset.height()).isEqualTo(8);
        assertThat(dataset.width()).isEqualTo(8);
        assertThat(dataset.train().size()).isEqualTo(4);
        assertThat(dataset.test().size()).isEqualTo(1);
        assertThat(dataset.train().countPerClass(3)).containsExactly(2, 2, 0);
        assertThat(dataset.train().pixel(0, 3, 3)).isEqualTo(200);
        assertThat(dataset.train().file(0)).isEqualTo(train.resolve("cat/a.png"));
        assertThat(dataset.problems()).extracting(LoadProblem::toString).anySatisfy(p -> assertThat(p)
                .contains("broken.png").contains("not a readable"));
        assertThat(dataset.problems()).extracting(LoadProblem::toString).anySatisfy(p -> assertThat(p)
                .contains("big.png").contains("16x12").contains("resized"));
        assertThat(dataset.problems()).extracting(LoadProblem::toString).anySatisfy(p -> assertThat(p)
                .contains("training" + java.io.File.separator + "empty").contains("empty class folder"));
        assertThat(dataset.problems()).extracting(LoadProblem::toString).anySatisfy(p -> assertThat(p)
                .contains("testing" + java.io.File.separator + "dog").contains("missing"));
    }

    @Test
    void colourImagesBecomeGray() throws Exception {
        TestImages.jpeg(dir.resolve("training/red/r.jpg"), 8, 8, 0xff0000);
        TestImages.png(dir.resolve("testing/red/t.png"), 8, 8, 0);

        Dataset dataset = ImageFolderLoader.load(dir, "red", Progress.NONE);

        assertThat(dataset.train().pixel(0, 4, 4)).isBetween(70, 82);
    }

    @Test
    void numberedFilesKeepTheirNumberAsIndex() throws Exception {
        TestImages.png(dir.resolve("training/1/2.png"), 4, 4, 20);
        TestImages.png(dir.resolve("training/0/1.png"), 4, 4, 10);
        TestImages.png(dir.resolve("training/1/0.png"), 4, 4, 0);
        TestImages.png(dir.resolve("testing/0/0.png"), 4, 4, 0);

        Dataset dataset = ImageFolderLoader.load(dir, "n", Progress.NONE);

        assertThat(dataset.train().labels()).containsExactly(1, 0, 1);
        assertThat(dataset.train().pixel(2, 0, 0)).isEqualTo(20);
    }

    @Test
    void folderWithoutTrainingImagesIsAClearError() throws Exception {
        Files.createDirectories(dir.resolve("training/a"));
        Files.createDirectories(dir.resolve("testing/a"));

        assertThatThrownBy(() -> ImageFolderLoader.load(dir, "x", Progress.NONE))
                .isInstanceOf(DatasetException.class).hasMessageContaining("holds no PNG or JPEG images");
    }

    @Test
    void unknownFolderLayoutIsExplained() throws Exception {
        Files.createDirectories(dir.resolve("something"));

        assertThatThrownBy(() -> DatasetLoader.load(dir, "x", Progress.NONE))
                .hasMessageContaining("neither an IDX dataset").hasMessageContaining(dir.toString());
    }
}
