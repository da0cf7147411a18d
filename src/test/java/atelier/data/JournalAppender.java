package atelier.data;

import java.nio.file.Path;

/**
 * A second process for {@link LabelJournalConcurrencyTest}: excludes {@code count} training images from
 * {@code first} on, one journal edit each, as fast as it can.
 */
public final class JournalAppender {
    private JournalAppender() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int first = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        LabelJournal journal = LabelJournal.open(file);
        for (int i = first; i < first + count; i++) {
            journal.exclude(Split.TRAIN, i, null);
        }
    }
}
