package atelier.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelJournalTest {
    @TempDir
    Path dir;

    private LabelView view(Path journal) {
        return new LabelView(TestImages.dataset(20, 5, 4), LabelJournal.open(journal));
    }

    @Test
    void relabelUndoRedoChangeTheViewNotTheDataset() {
        LabelView view = view(dir.resolve("j.jsonl"));
        assertThat(view.label(Split.TRAIN, 5)).isEqualTo(1);

        view.relabel(Split.TRAIN, 5, 3);
        assertThat(view.label(Split.TRAIN, 5)).isEqualTo(3);
        assertThat(view.isRelabelled(Split.TRAIN, 5)).isTrue();
        assertThat(view.dataset().train().label(5)).isEqualTo(1);

        assertThat(view.journal().undo()).get().extracting(LabelEdit::index).isEqualTo(5);
        assertThat(view.label(Split.TRAIN, 5)).isEqualTo(1);
        assertThat(view.isEdited(Split.TRAIN, 5)).isFalse();

        view.journal().redo();
        assertThat(view.label(Split.TRAIN, 5)).isEqualTo(3);
    }

    @Test
    void undoStepsBackThroughRepeatedEditsOfOneImage() {
        LabelView view = view(dir.resolve("j.jsonl"));
        view.relabel(Split.TRAIN, 2, 0);
        view.relabel(Split.TRAIN, 2, 3);
        view.exclude(Split.TRAIN, 2);

        view.journal().undo();
        assertThat(view.isExcluded(Split.TRAIN, 2)).isFalse();
        assertThat(view.label(Split.TRAIN, 2)).isEqualTo(3);
        view.journal().undo();
        assertThat(view.label(Split.TRAIN, 2)).isEqualTo(0);
        view.journal().undo();
        assertThat(view.label(Split.TRAIN, 2)).isEqualTo(2);
        assertThat(view.journal().undo()).isEmpty();
        assertThat(view.journal().canRedo()).isTrue();
    }

    @Test
    void aNewEditClearsWhatCouldBeRedone() {
        LabelView view = view(dir.resolve("j.jsonl"));
        view.relabel(Split.TRAIN, 1, 0);
        view.journal().undo();
        view.exclude(Split.TEST, 3);

        assertThat(view.journal().canRedo()).isFalse();
        assertThat(view.journal().redo()).isEmpty();
        assertThat(view.isExcluded(Split.TEST, 3)).isTrue();
        assertThat(view.isExcluded(Split.TRAIN, 3)).isFalse();
    }

    @Test
    void everyEditIsOnDiskAndReplaysAfterARestart() throws Exception {
        Path file = dir.resolve("j.jsonl");
        LabelView first = view(file);
        first.relabel(Split.TRAIN, 4, 2);
        first.exclude(Split.TRAIN, 7);
        first.relabel(Split.TRAIN, 9, 0);
        first.journal().undo();
        assertThat(Files.readAllLines(file)).hasSize(4);

        LabelView reopened = view(file);

        assertThat(reopened.label(Split.TRAIN, 4)).isEqualTo(2);
        assertThat(reopened.isExcluded(Split.TRAIN, 7)).isTrue();
        assertThat(reopened.label(Split.TRAIN, 9)).isEqualTo(1);
        assertThat(reopened.journal().canRedo()).isTrue();
        reopened.journal().redo();
        assertThat(reopened.label(Split.TRAIN, 9)).isEqualTo(0);
    }

    @Test
    void tornLastLineIsSkippedWithAWarningAndLaterEditsStillCount() throws Exception {
        Path file = dir.resolve("j.jsonl");
        LabelView first = view(file);
        first.relabel(Split.TRAIN, 4, 2);
        Files.write(file, "{\"seq\":2,\"time\":\"2026-01-01T00:00:00Z\",\"op\":\"rel".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        LabelView afterCrash = view(file);
        assertThat(afterCrash.journal().warnings()).singleElement().asString().contains("torn");
        assertThat(afterCrash.label(Split.TRAIN, 4)).isEqualTo(2);

        afterCrash.relabel(Split.TRAIN, 6, 1);
        LabelView again = view(file);
        assertThat(again.label(Split.TRAIN, 6)).isEqualTo(1);
        assertThat(again.label(Split.TRAIN, 4)).isEqualTo(2);
        assertThat(again.journal().warnings()).hasSize(1);
    }

    @Test
    void journalIsAppendOnly() throws Exception {
        Path file = dir.resolve("j.jsonl");
        LabelView view = view(file);
        view.relabel(Split.TRAIN, 1, 0);
        List<String> before = Files.readAllLines(file);
        view.journal().undo();
        view.journal().redo();

        List<String> after = Files.readAllLines(file);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after).hasSize(3);
        assertThat(after.get(1)).contains("\"op\":\"undo\"");
    }

    @Test
    void countsFollowTheEdits() {
        LabelView view = view(dir.resolve("j.jsonl"));
        assertThat(view.countPerClass(Split.TRAIN)).containsExactly(5, 5, 5, 5);
        view.relabel(Split.TRAIN, 0, 3);
        view.exclude(Split.TRAIN, 1);

        assertThat(view.countPerClass(Split.TRAIN)).containsExactly(4, 4, 5, 6);
    }

    @Test
    void exportWritesTheCleanedDatasetAsANewFolder() {
        LabelView view = view(dir.resolve("j.jsonl"));
        view.relabel(Split.TRAIN, 0, 3);
        view.exclude(Split.TRAIN, 1);
        Path out = dir.resolve("cleaned");

        CleanedDatasetExporter.export(view, out, atelier.task.Progress.NONE);

        Dataset cleaned = DatasetLoader.load(out, "cleaned", atelier.task.Progress.NONE);
        assertThat(cleaned.train().size()).isEqualTo(19);
        assertThat(cleaned.test().size()).isEqualTo(5);
        assertThat(cleaned.classes()).containsExactly("class0", "class1", "class2", "class3");
        assertThat(cleaned.train().label(0)).isEqualTo(3);
        assertThat(Files.exists(out.resolve("training/1/1.png"))).isFalse();
    }
}
