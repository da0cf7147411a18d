package atelier.data;

import static org.assertj.core.api.Assertions.assertThat;

import atelier.workspace.Workspace;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two writers of one journal (the app and the label command), and a dataset folder that moves. */
class LabelJournalConcurrencyTest {
    private static final int EDITS_PER_PROCESS = 150;

    @TempDir
    Path dir;

    @Test
    void twoProcessesAppendingAtOnceLoseNothing() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        List<Process> writers = new ArrayList<>();
        for (int first : new int[] {0, 1000}) {
            writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), JournalAppender.class.getName(), file.toString(),
                    Integer.toString(first), Integer.toString(EDITS_PER_PROCESS))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + first + ".log").toFile())
                    .start());
        }
        for (Process writer : writers) {
            assertThat(writer.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(writer.exitValue()).as(Files.readString(dir.resolve("writer-0.log"))).isZero();
        }

        LabelJournal journal = LabelJournal.open(file);
        assertThat(journal.warnings()).isEmpty();
        assertThat(journal.activeEdits()).isEqualTo(2 * EDITS_PER_PROCESS);
        for (int i = 0; i < EDITS_PER_PROCESS; i++) {
            assertThat(journal.isExcluded(Split.TRAIN, i)).isTrue();
            assertThat(journal.isExcluded(Split.TRAIN, 1000 + i)).isTrue();
        }
        ObjectMapper json = new ObjectMapper();
        List<Long> seqs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            seqs.add(json.readTree(line).get("seq").asLong());
        }
        assertThat(seqs).as("one line per edit, numbered in order").hasSize(2 * EDITS_PER_PROCESS)
                .isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anUndoTakesBackTheEditItNamesAndAReplayAgreesWithBothWriters() {
        Path file = dir.resolve("journal.jsonl");
        LabelJournal app = LabelJournal.open(file);
        LabelJournal command = LabelJournal.open(file);

        app.relabel(Split.TRAIN, 1, 4, null);
        command.relabel(Split.TRAIN, 1, 7, null);
        LabelEdit undone = app.undo().orElseThrow();

        assertThat(undone.label()).as("the latest edit in the file, the command's").isEqualTo(7);
        assertThat(app.labelOverride(Split.TRAIN, 1)).isEqualTo(4);
        command.refresh();
        assertThat(command.labelOverride(Split.TRAIN, 1)).isEqualTo(4);
        LabelJournal replayed = LabelJournal.open(file);
        assertThat(replayed.labelOverride(Split.TRAIN, 1)).isEqualTo(4);
        assertThat(replayed.warnings()).isEmpty();
        assertThat(replayed.canRedo()).isTrue();
    }

    @Test
    void aMovedDatasetFolderKeepsItsEdits() throws Exception {
        Workspace workspace = new Workspace(dir.resolve("workspace"));
        Path original = TestImages.idxFolder(dir.resolve("digits"), 12, 4, 3, false);
        Dataset loaded = DatasetLoader.load(original, "digits", atelier.task.Progress.NONE);
        LabelView view = new LabelView(loaded, workspace.openJournal(loaded));
        view.exclude(Split.TRAIN, 2);
        view.relabel(Split.TRAIN, 5, 0);

        Path moved = Files.move(original, dir.resolve("elsewhere"));
        Dataset reloaded = DatasetLoader.load(moved, "digits", atelier.task.Progress.NONE);
        LabelView after = new LabelView(reloaded, workspace.openJournal(reloaded));

        assertThat(after.isExcluded(Split.TRAIN, 2)).isTrue();
        assertThat(after.label(Split.TRAIN, 5)).isZero();
        assertThat(after.journal().activeEdits()).isEqualTo(2);
    }

    @Test
    void aJournalOfTheOlderPathKeyedKindIsFoundAndRenamed() throws Exception {
        Workspace workspace = new Workspace(dir.resolve("workspace"));
        Path folder = TestImages.idxFolder(dir.resolve("digits"), 12, 4, 3, false);
        Dataset loaded = DatasetLoader.load(folder, "digits", atelier.task.Progress.NONE);
        Path old = workspace.pathKeyedJournal(loaded.source());
        LabelJournal.open(old).exclude(Split.TRAIN, 3, null);

        LabelJournal journal = workspace.openJournal(loaded);

        assertThat(journal.isExcluded(Split.TRAIN, 3)).isTrue();
        assertThat(journal.file()).isEqualTo(workspace.journalFor(loaded)).isNotEqualTo(old);
        assertThat(old).doesNotExist();
    }

    @Test
    void anotherDatasetAtTheSamePathDoesNotGetTheEdits() throws Exception {
        Workspace workspace = new Workspace(dir.resolve("workspace"));
        Path folder = TestImages.idxFolder(dir.resolve("digits"), 12, 4, 3, false);
        Dataset first = DatasetLoader.load(folder, "digits", atelier.task.Progress.NONE);
        workspace.openJournal(first).exclude(Split.TRAIN, 3, null);

        AtomicFiles.deleteQuietly(folder);
        Path replaced = TestImages.idxFolder(folder, 20, 4, 3, false);
        Dataset second = DatasetLoader.load(replaced, "digits", atelier.task.Progress.NONE);

        assertThat(workspace.openJournal(second).activeEdits()).isZero();
    }
}
