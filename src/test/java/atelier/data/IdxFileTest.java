package atelier.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    @Test
    void readsRawAndGzippedFilesAlike() throws Exception {
        byte[] raw = TestImages.idxImages(3, 4, 5);
        Path plain = Files.write(dir.resolve("images-idx3-ubyte"), raw);
        Path gz = Files.write(dir.resolve("images-idx3-ubyte.gz"), TestImages.gzip(raw));

        IdxFile fromPlain = IdxFile.read(plain);
        IdxFile fromGz = IdxFile.read(gz);

        assertThat(fromPlain.dimensions()).containsExactly(3, 4, 5);
        assertThat(fromGz.dimensions()).containsExactly(3, 4, 5);
        assertThat(fromGz.data()).isEqualTo(Arrays.copyOfRange(raw, 16, raw.length));
        assertThat(fromPlain.data()).isEqualTo(fromGz.data());
    }

    @Test
    void badMagicNumberIsNamed() throws Exception {
        byte[] raw = TestImages.idxImages(2, 4, 4);
        raw[0] = 0x12;
        Path file = Files.write(dir.resolve("bad"), raw);

        assertThatThrownBy(() -> IdxFile.read(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not an IDX file")
                .hasMessageContaining("magic number");
    }

    @Test
    void unsupportedDataTypeIsNamed() throws Exception {
        byte[] raw = TestImages.idxImages(2, 4, 4);
        raw[2] = 0x0D;
        Path file = Files.write(dir.resolve("floats"), raw);

        assertThatThrownBy(() -> IdxFile.read(file)).hasMessageContaining("0x0D").hasMessageContaining("not supported");
    }

    @Test
    void truncatedRawFileSaysHowMuchIsMissing() throws Exception {
        byte[] raw = TestImages.idxImages(10, 4, 4);
        Path file = Files.write(dir.resolve("short"), Arrays.copyOf(raw, raw.length - 20));

        assertThatThrownBy(() -> IdxFile.read(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated")
                .hasMessageContaining("160").hasMessageContaining("140");
    }

    @Test
    void truncatedGzipFileIsReportedNotCrashed() throws Exception {
        byte[] gz = TestImages.gzip(TestImages.idxImages(50, 4, 4));
        Path file = Files.write(dir.resolve("short.gz"), Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> IdxFile.read(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @Test
    void headerCutShortIsTruncation() throws Exception {
        Path file = Files.write(dir.resolve("header"), new byte[] {0, 0, 8, 3, 0, 0});

        assertThatThrownBy(() -> IdxFile.read(file)).hasMessageContaining("truncated");
    }

    @Test
    void extraBytesAfterTheDataAreRejected() throws Exception {
        byte[] raw = TestImages.idxImages(2, 4, 4);
        Path file = Files.write(dir.resolve("long"), Arrays.copyOf(raw, raw.length + 3));

        assertThatThrownBy(() -> IdxFile.read(file)).hasMessageContaining("past the 32 bytes");
    }

    @Test
    void shippedFileWithWrongChecksumIsRefused() throws Exception {
        TestImages.idxFolder(dir, 6, 2, 3, true);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Files.writeString(dir.resolve(Checksums.FILE_NAME), "0".repeat(64) + "  train-images-idx3-ubyte.gz\n");

        assertThatThrownBy(() -> IdxDatasetLoader.load(dir, "x")).isInstanceOf(DatasetException.class)
                .hasMessageContaining(images.toString()).hasMessageContaining("SHA-256");
    }

    @Test
    void shippedDatasetsMatchTheirChecksums() {
        for (String name : new String[] {"fashion-mnist", "mnist"}) {
            Path folder = DataDirectory.find().resolve(name);
            var expected = Checksums.expected(folder);
            assertThat(expected).hasSize(4);
            expected.forEach((file, sum) -> assertThat(Checksums.sha256(folder.resolve(file))).isEqualTo(sum));
        }
    }

    @Test
    void loadsAnIdxFolderWithCountsAndClassNames() throws Exception {
        Path folder = TestImages.idxFolder(dir.resolve("my-fashion-set"), 12, 6, 3, false);

        Dataset dataset = DatasetLoader.load(folder.toString(), atelier.task.Progress.NONE);

        assertThat(dataset.train().size()).isEqualTo(12);
        assertThat(dataset.test().size()).isEqualTo(6);
        assertThat(dataset.height()).isEqualTo(4);
        assertThat(dataset.classes()).containsExactly("T-shirt/top", "Trouser", "Pullover");
        assertThat(dataset.train().countPerClass(3)).containsExactly(4, 4, 4);
    }

    @Test
    void imageAndLabelCountsMustAgree() throws Exception {
        TestImages.idxFolder(dir, 6, 2, 3, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), TestImages.idxLabels(0, 1, 2));

        assertThatThrownBy(() -> IdxDatasetLoader.load(dir, "x")).hasMessageContaining("6 images")
                .hasMessageContaining("3 labels");
    }
}
