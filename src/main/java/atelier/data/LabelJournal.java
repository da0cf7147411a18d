package atelier.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
 *
 * <p>Two processes may edit one journal (the app and the {@code label} command): every write holds an
 * operating-system lock on the file, first reads the lines others appended since (so the edit's {@code previous}
 * and an undo's target are computed on the journal as it is, not as this process last saw it), then appends.
 * Undo and redo lines name the edit they act on, so a replay does what each writer did.
 */
public final class LabelJournal {
    private static final Logger LOG = LoggerFactory.getLogger(LabelJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<Split, Map<Integer, Integer>> labels = new EnumMap<>(Split.class);
    private final Map<Split, Set<Integer>> excluded = new EnumMap<>(Split.class);
    private final Deque<LabelEdit> applied = new ArrayDeque<>();
    private final Deque<LabelEdit> undone = new ArrayDeque<>();
    private final Map<Long, LabelEdit> edits = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    /** Serializes writers; held while a line is forced to disk, so readers (on {@code this}) never wait for it. */
    private final Object writeLock;
    private final String datasetHint;
    private long lastSeq;
    /** Bytes of the file replayed so far: lines beyond it were written by another process since. */
    private long replayed;

    /**
     * One monitor per journal file in this JVM: two {@code LabelJournal}s of one file in one process must not both
     * take the file lock (the JVM refuses overlapping locks), and closing any channel of a locked file may drop it.
     */
    private static final Map<Path, Object> FILE_MONITORS = new java.util.concurrent.ConcurrentHashMap<>();

    private LabelJournal(Path file, Path datasetSource) {
        this.file = file;
        this.datasetHint = datasetSource == null ? null : datasetSource.toAbsolutePath().normalize().toString();
        this.writeLock = file == null ? new Object()
                : FILE_MONITORS.computeIfAbsent(file.toAbsolutePath().normalize(), key -> new Object());
        for (Split split : Split.values()) {
            labels.put(split, new HashMap<>());
            excluded.put(split, new HashSet<>());
        }
    }

    /** Opens (or starts) the journal in {@code file} and replays it. */
    public static LabelJournal open(Path file) {
        return open(file, null);
    }

    /** The same, noting {@code datasetSource} (the dataset's folder now) in each new edit as a hint. */
    public static LabelJournal open(Path file, Path datasetSource) {
        LabelJournal journal = new LabelJournal(file, datasetSource);
        if (Files.exists(file)) {
            journal.refresh();
        }
        return journal;
    }

    /** A journal kept in memory only, for datasets that are not saved anywhere (tests, previews). */
    public static LabelJournal inMemory() {
        return new LabelJournal(null, null);
    }

    /**
     * Applies the edits another process appended since this journal last read the file; returns how many.
     * Every write does this first, under the file lock.
     */
    public int refresh() {
        if (file == null || !Files.exists(file)) {
            return 0;
        }
        synchronized (writeLock) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                 FileLock shared = channel.lock(0, Long.MAX_VALUE, true)) {
                return readNewLines(channel);
            } catch (IOException e) {
                throw new DatasetException(file + ": label journal cannot be read (" + e.getMessage() + ")", e);
            }
        }
    }

    /** Called with writeLock and a file lock held: replays the whole lines beyond {@link #replayed}. */
    private int readNewLines(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size <= replayed) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - replayed));
        while (buffer.hasRemaining() && channel.read(buffer, replayed + buffer.position()) >= 0) {
            // read to the end
        }
        byte[] bytes = buffer.array();
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        boolean tornTail = end < bytes.length;
        String[] lines = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n");
        int applied = 0;
        synchronized (this) {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    LabelEdit edit = JSON.readValue(line, LabelEdit.class);
                    apply(edit);
                    lastSeq = Math.max(lastSeq, edit.seq());
                    applied++;
                } catch (JsonProcessingException | RuntimeException e) {
                    warn(file + ": a line after edit " + lastSeq + " is not a valid edit and was skipped");
                }
            }
        }
        replayed += end;
        if (tornTail) {
            // a line without its newline: a writer that crashed mid-line (the next write starts a fresh line)
            warn(file + ": last line (torn by a crash?) is not a whole edit and was skipped");
            replayed = size;
        }
        return applied;
    }

    private void warn(String warning) {
        warnings.add(warning);
        LOG.warn(warning);
    }

    public Path file() {
        return file;
    }

    /** Lines that could not be read when the journal was opened. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public LabelEdit relabel(Split split, int index, int label, String imageFile) {
        return write(() -> new LabelEdit(0, null, LabelEdit.RELABEL, split.key(), index, label,
                labels.get(split).get(index), imageFile)).orElseThrow();
    }

    public LabelEdit exclude(Split split, int index, String imageFile) {
        return write(() -> new LabelEdit(0, null, LabelEdit.EXCLUDE, split.key(), index, null,
                excluded.get(split).contains(index) ? 1 : 0, imageFile)).orElseThrow();
    }

    public LabelEdit restore(Split split, int index, String imageFile) {
        return write(() -> new LabelEdit(0, null, LabelEdit.RESTORE, split.key(), index, null,
                excluded.get(split).contains(index) ? 1 : 0, imageFile)).orElseThrow();
    }

    /** Every edit in effect now, oldest first: what {@code label list} prints. */
    public synchronized List<LabelEdit> activeEditList() {
        List<LabelEdit> list = new ArrayList<>(applied);
        java.util.Collections.reverse(list);
        return list;
    }

    /** Takes back the latest edit not yet undone; returns it, or empty when there is none. */
    public Optional<LabelEdit> undo() {
        return write(() -> {
            LabelEdit target = applied.peek();
            return target == null ? null
                    : new LabelEdit(0, null, LabelEdit.UNDO, null, null, null, null, null, target.seq(), null);
        }).map(this::targetOf);
    }

    /** Applies again the latest undone edit; returns it, or empty when there is none. */
    public Optional<LabelEdit> redo() {
        return write(() -> {
            LabelEdit target = undone.peek();
            return target == null ? null
                    : new LabelEdit(0, null, LabelEdit.REDO, null, null, null, null, null, target.seq(), null);
        }).map(this::targetOf);
    }

    private synchronized LabelEdit targetOf(LabelEdit undoOrRedo) {
        return edits.get(undoOrRedo.target());
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

    /**
     * Takes the file lock, catches up with lines others wrote, drafts the edit on that state ({@code draft} runs
     * holding this journal's monitor; null means nothing to do), appends it and forces it to disk, and only then
     * applies it.
     */
    private Optional<LabelEdit> write(java.util.function.Supplier<LabelEdit> draft) {
        synchronized (writeLock) {
            if (file == null) {
                synchronized (this) {
                    return Optional.ofNullable(draft.get()).map(this::commit);
                }
            }
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.READ);
                     FileLock exclusive = channel.lock()) {
                    readNewLines(channel);
                    LabelEdit drafted;
                    synchronized (this) {
                        drafted = draft.get();
                    }
                    if (drafted == null) {
                        return Optional.empty();
                    }
                    LabelEdit edit = new LabelEdit(lastSeq + 1, Instant.now().toString(), drafted.op(),
                            drafted.split(), drafted.index(), drafted.label(), drafted.previous(), drafted.file(),
                            drafted.target(), drafted.changesImage() ? datasetHint : null);
                    append(channel, edit);
                    replayed = channel.size();
                    synchronized (this) {
                        return Optional.of(commit(edit));
                    }
                }
            } catch (IOException e) {
                throw new DatasetException(file + ": the edit could not be saved (" + e.getMessage()
                        + "); nothing was changed", e);
            }
        }
    }

    /** Called holding this journal's monitor. */
    private LabelEdit commit(LabelEdit edit) {
        LabelEdit numbered = edit.seq() > 0 ? edit : new LabelEdit(lastSeq + 1, Instant.now().toString(), edit.op(),
                edit.split(), edit.index(), edit.label(), edit.previous(), edit.file(), edit.target(), null);
        lastSeq = numbered.seq();
        apply(numbered);
        return numbered;
    }

    private static void append(FileChannel channel, LabelEdit edit) throws IOException {
        byte[] line = (JSON.writeValueAsString(edit) + "\n").getBytes(StandardCharsets.UTF_8);
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
                edits.put(edit.seq(), edit);
                undone.clear();
            }
            case LabelEdit.UNDO -> step(edit, applied, undone, true);
            case LabelEdit.REDO -> step(edit, undone, applied, false);
            default -> throw new IllegalArgumentException("unknown journal operation '" + edit.op() + "'");
        }
    }

    /**
     * Undo (from applied to undone) or redo (the other way). Lines written before undo named its target take the
     * latest; a named target that is not the latest (a journal edited by hand) is skipped with a warning rather
     * than reverted out of order.
     */
    private void step(LabelEdit edit, Deque<LabelEdit> from, Deque<LabelEdit> to, boolean reverse) {
        LabelEdit top = from.peek();
        if (top == null || (edit.target() != null && top.seq() != edit.target())) {
            warn(file + ": edit " + edit.seq() + " (" + edit.op() + " of edit " + edit.target()
                    + ") does not match the journal (" + (top == null ? "nothing to " + edit.op()
                    : "the latest is edit " + top.seq()) + ") and was skipped");
            return;
        }
        from.pop();
        change(top, reverse);
        to.push(top);
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
