package atelier.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The label edits of one dataset: an append-only file of JSON lines, each written and forced to disk before the
 * edit counts, replayed on open. Undo and redo are journal lines too, so the file is never rewritten and a crash
 * loses at most the line being written; such a torn line is skipped with a warning. The dataset's own files are
 * never touched: the edits are a view over them ({@link LabelView}).
 */
public final class LabelJournal {
    private static final Logger LOG = LoggerFactory.getLogger(LabelJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<Split, Map<Integer, Integer>> labels = new EnumMap<>(Split.class);
    private final Map<Split, Set<Integer>> excluded = new EnumMap<>(Split.class);
    private final Deque<LabelEdit> applied = new ArrayDeque<>();
    private final Deque<LabelEdit> undone = new ArrayDeque<>();
    private final List<String> warnings = new ArrayList<>();
    /** Serializes writers; held while a line is forced to disk, so readers (on {@code this}) never wait for it. */
    private final Object writeLock = new Object();
    private long lastSeq;

    private LabelJournal(Path file) {
        this.file = file;
        for (Split split : Split.values()) {
            labels.put(split, new HashMap<>());
            excluded.put(split, new HashSet<>());
        }
    }

    /** Opens (or starts) the journal in {@code file} and replays it. */
    public static LabelJournal open(Path file) {
        LabelJournal journal = new LabelJournal(file);
        if (Files.exists(file)) {
            journal.replay();
        }
        return journal;
    }

    /** A journal kept in memory only, for datasets that are not saved anywhere (tests, previews). */
    public static LabelJournal inMemory() {
        return new LabelJournal(null);
    }

    private void replay() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(file + ": label journal cannot be read (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                LabelEdit edit = JSON.readValue(line, LabelEdit.class);
                apply(edit);
                lastSeq = Math.max(lastSeq, edit.seq());
            } catch (JsonProcessingException | RuntimeException e) {
                String where = i == lines.size() - 1 ? "last line (torn by a crash?)" : "line " + (i + 1);
                String warning = file + ": " + where + " is not a valid edit and was skipped";
                warnings.add(warning);
                LOG.warn(warning);
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Lines that could not be read when the journal was opened. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public LabelEdit relabel(Split split, int index, int label, String imageFile) {
        synchronized (writeLock) {
            Integer before = labelOverride(split, index);
            return record(new LabelEdit(0, null, LabelEdit.RELABEL, split.key(), index, label, before, imageFile));
        }
    }

    public LabelEdit exclude(Split split, int index, String imageFile) {
        synchronized (writeLock) {
            int before = isExcluded(split, index) ? 1 : 0;
            return record(new LabelEdit(0, null, LabelEdit.EXCLUDE, split.key(), index, null, before, imageFile));
        }
    }

    public LabelEdit restore(Split split, int index, String imageFile) {
        synchronized (writeLock) {
            int before = isExcluded(split, index) ? 1 : 0;
            return record(new LabelEdit(0, null, LabelEdit.RESTORE, split.key(), index, null, before, imageFile));
        }
    }

    /** Takes back the latest edit not yet undone; returns it, or empty when there is none. */
    public Optional<LabelEdit> undo() {
        synchronized (writeLock) {
            LabelEdit target;
            synchronized (this) {
                target = applied.peek();
            }
            if (target == null) {
                return Optional.empty();
            }
            record(new LabelEdit(0, null, LabelEdit.UNDO, null, null, null, null, null));
            return Optional.of(target);
        }
    }

    /** Applies again the latest undone edit; returns it, or empty when there is none. */
    public Optional<LabelEdit> redo() {
        synchronized (writeLock) {
            LabelEdit target;
            synchronized (this) {
                target = undone.peek();
            }
            if (target == null) {
                return Optional.empty();
            }
            record(new LabelEdit(0, null, LabelEdit.REDO, null, null, null, null, null));
            return Optional.of(target);
        }
    }

    public synchronized boolean canUndo() {
        return !applied.isEmpty();
    }

    public synchronized boolean canRedo() {
        return !undone.isEmpty();
    }

    /** The edited label of an image, or null when it keeps the dataset's label. */
    public synchronized Integer labelOverride(Split split, int index) {
        return labels.get(split).get(index);
    }

    public synchronized boolean isExcluded(Split split, int index) {
        return excluded.get(split).contains(index);
    }

    public synchronized Set<Integer> excluded(Split split) {
        return Set.copyOf(excluded.get(split));
    }

    public synchronized Map<Integer, Integer> labelOverrides(Split split) {
        return Map.copyOf(labels.get(split));
    }

    /** Number of edits currently in effect (not undone). */
    public synchronized int activeEdits() {
        return applied.size();
    }

    /** Called with writeLock held: the line reaches the disk before the edit takes effect. */
    private LabelEdit record(LabelEdit draft) {
        LabelEdit edit = new LabelEdit(lastSeq + 1, Instant.now().toString(), draft.op(), draft.split(),
                draft.index(), draft.label(), draft.previous(), draft.file());
        append(edit);
        synchronized (this) {
            lastSeq = edit.seq();
            apply(edit);
        }
        return edit;
    }

    private void append(LabelEdit edit) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] line = (JSON.writeValueAsString(edit) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                if (endsWithoutNewline(channel)) {
                    // a torn line from a crash: start on a fresh line so this edit stays readable
                    buffer = ByteBuffer.wrap(("\n" + new String(line, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
                }
                long position = channel.size();
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new DatasetException(file + ": the edit could not be saved (" + e.getMessage()
                    + "); nothing was changed", e);
        }
    }

    private static boolean endsWithoutNewline(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return false;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) != '\n';
    }

    private void apply(LabelEdit edit) {
        switch (edit.op()) {
            case LabelEdit.RELABEL, LabelEdit.EXCLUDE, LabelEdit.RESTORE -> {
                change(edit, false);
                applied.push(edit);
                undone.clear();
            }
            case LabelEdit.UNDO -> {
                if (!applied.isEmpty()) {
                    LabelEdit target = applied.pop();
                    change(target, true);
                    undone.push(target);
                }
            }
            case LabelEdit.REDO -> {
                if (!undone.isEmpty()) {
                    LabelEdit target = undone.pop();
                    change(target, false);
                    applied.push(target);
                }
            }
            default -> throw new IllegalArgumentException("unknown journal operation '" + edit.op() + "'");
        }
    }

    private void change(LabelEdit edit, boolean reverse) {
        Split split = edit.splitValue();
        int index = edit.index();
        switch (edit.op()) {
            case LabelEdit.RELABEL -> {
                Integer value = reverse ? edit.previous() : edit.label();
                if (value == null) {
                    labels.get(split).remove(index);
                } else {
                    labels.get(split).put(index, value);
                }
            }
            case LabelEdit.EXCLUDE, LabelEdit.RESTORE -> {
                boolean exclude = reverse ? edit.previous() != null && edit.previous() == 1
                        : LabelEdit.EXCLUDE.equals(edit.op());
                if (exclude) {
                    excluded.get(split).add(index);
                } else {
                    excluded.get(split).remove(index);
                }
            }
            default -> throw new IllegalStateException(edit.op());
        }
    }
}
