package atelier.search;

import atelier.data.LabelView;
import atelier.model.ArchitectureCatalog;
import atelier.model.InputShape;
import atelier.train.EpochMetrics;
import atelier.train.RunRecord;
import atelier.train.RunSpec;
import atelier.train.RunStatus;
import atelier.train.RunStore;
import atelier.train.TrainingData;
import atelier.train.TrainingJob;
import atelier.train.TrainingListener;
import atelier.train.TrainingService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a search: asks {@link SuccessiveHalving} for the next job, trains it as a run on the training service
 * (continuing from the trial's last checkpoint), records the validation score, and saves the state after every
 * change; when the budget is spent, retrains the best of the Pareto set on the whole training set and tests them.
 * Up to {@code workers} segments are handed to the service at once, so a service with several training threads
 * (or a cluster behind it) trains them side by side. Promotions are decided as results arrive (the asynchronous
 * in ASHA), so which trials are promoted depends on the order in which segments end.
 */
public final class SearchRunner {
    private static final int MAX_SKIPS_IN_A_ROW = 1000;
    private static final long HEARTBEAT_NANOS = 10_000_000_000L;
    private static final String TAG = "search:";
    /** The trial number progress reports carry for a final retraining (its rung number is then the trial). */
    public static final int FINAL = -1;

    private final TrainingService service;
    private final SearchStore store;
    private final LabelView view;
    private final SearchListener listener;
    private final SuccessiveHalving halving;
    private final ValidationSplit split;
    private final QuasiRandomSampler sampler;
    private final List<Running> running = new ArrayList<>();
    /** Promotions already reported as not fitting in the budget, so that each is said once. */
    private final java.util.Set<String> toldTooLate = new java.util.HashSet<>();
    private volatile boolean stopRequested;
    private SearchState state;
    private long sessionStart;
    private long retrainStart;
    private double spentAtStart;
    private double finalAtStart;

    /** A segment or final run handed to the service. */
    private static final class Running {
        final int trial;
        final int rung;
        volatile TrainingJob job;
        volatile long startNanos;
        volatile String runName;
        boolean cut;

        Running(int trial, int rung) {
            this.trial = trial;
            this.rung = rung;
        }

        SuccessiveHalving.Job asJob() {
            return new SuccessiveHalving.Job(trial, rung);
        }
    }

    /** Opens the search {@code name} (made by {@link #create}) to run or resume it. */
    public SearchRunner(TrainingService service, SearchStore store, LabelView view, String name,
                        SearchListener listener) {
        this.service = service;
        this.store = store;
        this.view = view;
        this.listener = listener;
        this.state = store.load(name).withoutRunningSegments();
        this.split = store.loadSplit(name);
        SearchSettings settings = state.settings();
        this.halving = new SuccessiveHalving(settings.eta(), settings.maxRung());
        this.sampler = new QuasiRandomSampler(settings.space().dimensions(), settings.seed());
    }

    /**
     * Makes a new search's folder: its settings, the seeded validation split and the announced final retraining.
     */
    public static SearchState create(SearchStore store, String name, SearchSettings settings, LabelView view) {
        if (store.exists(name)) {
            throw new IllegalArgumentException("a search named '" + name + "' exists in " + store.root()
                    + "; resume it (search --resume " + name + ") or choose another --name");
        }
        ValidationSplit split = ValidationSplit.of(view, settings.limitTrain(), settings.validationImages(),
                settings.seed());
        float[] stats = TrainingData.statistics(view, split.trainPart());
        int all = split.trainPart().length + split.validation().length;
        String plan = String.format(Locale.ROOT, "After %s of trials, the best %d of the Pareto set (parameters "
                + "against validation accuracy) are retrained on all %,d training images for %d epoch%s each and "
                + "scored on the test set once; that time comes on top of the budget.",
                SegmentEstimate.minutes(settings.budgetMinutes()), settings.finalModels(), all, settings.finalEpochs(),
                settings.finalEpochs() == 1 ? "" : "s");
        SearchState state = new SearchState(SearchState.SCHEMA_VERSION, name, Instant.now().toString(), settings,
                SearchState.Phase.SEARCHING, 0, 0, 0, List.of(), List.of(), List.of(), plan, stats[0], stats[1],
                null);
        store.saveSplit(name, split);
        store.save(state);
        return state;
    }

    public synchronized SearchState state() {
        return state;
    }

    /** Stops soon from any thread: segments under way are cancelled and will be trained again on resume. */
    public void stop() {
        stopRequested = true;
        synchronized (this) {
            running.forEach(r -> r.job.cancel());
        }
    }

    /** Runs the search to its end, or until {@link #stop}; returns the saved state. Blocks the calling thread. */
    public SearchState run() throws InterruptedException {
        try (AutoCloseable lock = store.lock(state.name())) {
            return runLocked();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("search " + state.name() + ": " + e.getMessage(), e);
        }
    }

    private SearchState runLocked() throws InterruptedException {
        listener.note(state.finalPlan());
        sessionStart = System.nanoTime();
        spentAtStart = state.spentSeconds();
        save();
        if (state.phase() == SearchState.Phase.SEARCHING) {
            search();
        }
        if (!stopRequested && state.phase() == SearchState.Phase.SEARCHING) {
            chooseFinalists();
        }
        if (!stopRequested && state.phase() == SearchState.Phase.RETRAINING) {
            retrain();
        }
        synchronized (this) {
            if (stopRequested) {
                state = state.withoutRunningSegments();
            }
            save();
            return state;
        }
    }

    private void search() throws InterruptedException {
        boolean closed = false;
        boolean cutting = false;
        long lastBeat = System.nanoTime();
        while (!stopRequested) {
            while (!closed && !stopRequested && running.size() < state.settings().workers()) {
                Optional<SuccessiveHalving.Job> job = nextJobThatFits();
                if (job.isEmpty()) {
                    closed = true;
                } else {
                    start(job.get());
                }
            }
            if (running.isEmpty()) {
                break;
            }
            Running done = awaitOne();
            if (done != null) {
                finishSegment(done);
            }
            if (spent() >= state.settings().budgetSeconds() && !running.isEmpty() && !cutting) {
                closed = true;
                cutting = true;
                synchronized (this) {
                    for (Running r : running) {
                        r.cut = true;
                        r.job.cancel();
                    }
                }
                listener.note("budget spent: the segments under way are cut and do not count");
            }
            if (System.nanoTime() - lastBeat > HEARTBEAT_NANOS) {
                lastBeat = System.nanoTime();
                save();
            }
            if (spent() >= state.settings().budgetSeconds()) {
                closed = true;
            }
        }
    }

    private Optional<SuccessiveHalving.Job> nextJobThatFits() {
        SearchSettings settings = state.settings();
        if (spent() >= settings.budgetSeconds()) {
            return Optional.empty();
        }
        boolean mayAdd = settings.maxTrials() == 0 || state.trials().size() < settings.maxTrials();
        List<SuccessiveHalving.Job> underWay = running.stream().map(Running::asJob).toList();
        Optional<SuccessiveHalving.Job> job = halving.next(state.results(), underWay, mayAdd);
        if (job.isPresent() && !fits(job.get())) {
            SuccessiveHalving.Job fresh = new SuccessiveHalving.Job(SuccessiveHalving.NEW_TRIAL, 0);
            if (!job.get().isNewTrial() && mayAdd && fits(fresh)) {
                if (toldTooLate.add(job.get().trial() + ":" + job.get().rung())) {
                    listener.note(String.format(Locale.ROOT, "trial %d would not reach rung %d within the budget; "
                            + "new trials are started instead", job.get().trial(), job.get().rung()));
                }
                return Optional.of(fresh);
            }
            listener.note("nothing more fits in the budget");
            return Optional.empty();
        }
        return job;
    }

    /** Whether the job's estimated time (from the speeds measured so far) fits in what is left of the budget. */
    private boolean fits(SuccessiveHalving.Job job) {
        return spent() + SegmentEstimate.seconds(state, job, halving) <= state.settings().budgetSeconds();
    }

    private void start(SuccessiveHalving.Job job) {
        Trial trial = job.isNewTrial() ? drawTrial() : state.trial(job.trial()).orElseThrow();
        SearchSettings settings = state.settings();
        int rung = job.rung();
        long from = rung == 0 ? 0 : halving.budget(settings.rungZeroImages(), rung - 1);
        long to = halving.budget(settings.rungZeroImages(), rung);
        String init = "xavier";
        if (rung > 0) {
            Segment previous = trial.segments().stream().filter(s -> s.rung() == rung - 1 && s.completed())
                    .findFirst().orElseThrow();
            init = "checkpoint:" + service.store().root().resolve(previous.run()).resolve(RunStore.LAST)
                    .toAbsolutePath();
        }
        RunSpec spec = new RunSpec(tag(trial.id(), "r" + rung), settings.dataset(), ArchitectureCatalog.CUSTOM,
                init, false, trial.point().optimizer(), trial.point().learningRate(), 1.0, 0.9,
                settings.batchSize(), 1, settings.limitTrain(), "none", settings.seed() * 1000 + trial.id() * 10L
                + rung, "auto", trial.layers());
        int[] slice = split.slice(settings.seed(), trial.id(), from, to);
        int[] validation = split.validation();
        float mean = state.mean();
        float std = state.std();
        Running entry = new Running(trial.id(), rung);
        synchronized (this) {
            state = state.withTrial(trial.with(Segment.running(rung, to, null)));
            entry.job = service.submit(spec, view, () -> TrainingData.partition(view, slice, validation, mean, std),
                    new Forward(entry, to));
            running.add(entry);
        }
        save();
        listener.note(String.format(Locale.ROOT, "trial %d to rung %d (%,d images seen): %s, %,d parameters",
                trial.id(), rung, to, trial.point().summary(), trial.parameters()));
    }

    /** The next point of the sequence that can be built, skipping (and recording) those that cannot. */
    private Trial drawTrial() {
        SearchSettings settings = state.settings();
        var dataset = view.dataset();
        InputShape input = InputShape.of(dataset.channels(), dataset.height(), dataset.width());
        String lastReason = null;
        for (int attempt = 0; attempt < MAX_SKIPS_IN_A_ROW; attempt++) {
            int sample = state.samplesDrawn();
            SearchPoint point = settings.space().pointAt(sampler.point(sample));
            String layers = point.layersText();
            DesignCheck.Outcome outcome = DesignCheck.check(point, input, dataset.classCount(),
                    settings.space().maxParameters());
            String reason = outcome.problem();
            synchronized (this) {
                state = state.withSamplesDrawn(sample + 1);
                if (reason != null) {
                    state = state.withSkipped(new Skipped(sample, point, layers, reason));
                } else {
                    Trial trial = new Trial(state.trials().size(), sample, point, layers, outcome.parameters(),
                            List.of());
                    state = state.withTrial(trial);
                    return trial;
                }
            }
            lastReason = reason;
            listener.note("skipped point " + sample + " (" + point.summary() + "): " + reason);
        }
        throw new IllegalStateException("the search space gave " + MAX_SKIPS_IN_A_ROW
                + " impossible designs in a row; the last: " + lastReason);
    }

    /** Waits up to a second for a job under way to end; returns it, or null. */
    private Running awaitOne() throws InterruptedException {
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until) {
            synchronized (this) {
                for (Running r : running) {
                    if (r.job.result().isDone()) {
                        running.remove(r);
                        return r;
                    }
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    private void finishSegment(Running done) {
        Trial trial = state.trial(done.trial).orElseThrow();
        Segment pendingSegment = trial.segments().stream().filter(s -> s.rung() == done.rung).findFirst().orElseThrow();
        double seconds = done.startNanos == 0 ? 0 : (System.nanoTime() - done.startNanos) / 1e9;
        Segment result;
        try {
            RunRecord record = done.job.result().get();
            String run = record.id();
            if (record.status() == RunStatus.COMPLETED && !record.epochs().isEmpty()) {
                EpochMetrics m = record.epochs().get(record.epochs().size() - 1);
                result = new Segment(done.rung, pendingSegment.images(), Segment.COMPLETED, run, m.testAccuracy(),
                        m.testLoss(), m.trainAccuracy(), seconds, m.imagesPerSecond(), null, spent());
                listener.note(String.format(Locale.ROOT, "trial %d rung %d: validation accuracy %.2f%% (%.0f s, %.0f"
                        + " images/s)", done.trial, done.rung, 100 * m.testAccuracy(), seconds,
                        m.imagesPerSecond()));
            } else if (record.status() == RunStatus.CANCELLED) {
                result = done.cut ? new Segment(done.rung, pendingSegment.images(), Segment.CUT, run, Double.NaN,
                        Double.NaN, Double.NaN, seconds, 0, "cut off by the end of the budget", spent()) : null;
            } else {
                result = failed(done, pendingSegment, run, seconds, record.message());
            }
        } catch (ExecutionException e) {
            boolean cancelled = e.getCause() instanceof atelier.task.CancelledException;
            result = cancelled ? null : failed(done, pendingSegment, done.runName, seconds, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = null;
        }
        synchronized (this) {
            Trial current = state.trial(done.trial).orElseThrow();
            state = state.withTrial(result == null ? current.withoutRunning() : current.with(result));
        }
        save();
    }

    private Segment failed(Running done, Segment pendingSegment, String run, double seconds, String why) {
        listener.note("trial " + done.trial + " failed at rung " + done.rung + ": " + why);
        return new Segment(done.rung, pendingSegment.images(), Segment.FAILED, run, Double.NaN, Double.NaN, Double.NaN,
                seconds, 0, why, spent());
    }

    private void chooseFinalists() {
        SearchSettings settings = state.settings();
        List<Finalist> finalists = ParetoFront.best(state.trials(), settings.finalModels()).stream()
                .map(t -> Finalist.planned(t, settings.finalEpochs())).toList();
        synchronized (this) {
            state = state.withFinalists(finalists).withPhase(SearchState.Phase.RETRAINING,
                    SegmentEstimate.finalPlan(state, finalists, split, view.dataset().test().size()));
        }
        listener.note("budget spent " + state.message());
        save();
    }

    private void retrain() throws InterruptedException {
        retrainStart = System.nanoTime();
        finalAtStart = state.finalSeconds();
        List<Finalist> waiting = state.finalists().stream().filter(f -> !f.done()).toList();
        int workers = state.settings().workers();
        // finalists train side by side as trials do; each is awaited in the order it was planned
        for (int from = 0; from < waiting.size() && !stopRequested; from += workers) {
            List<Finalist> batch = waiting.subList(from, Math.min(waiting.size(), from + workers));
            List<Running> entries = new ArrayList<>();
            for (Finalist planned : batch) {
                entries.add(submitFinal(state.trial(planned.trial()).orElseThrow()));
            }
            for (int k = 0; k < batch.size(); k++) {
                Finalist finished = awaitFinal(batch.get(k), state.trial(batch.get(k).trial()).orElseThrow(),
                        entries.get(k));
                synchronized (this) {
                    List<Finalist> updated = new ArrayList<>(state.finalists());
                    updated.replaceAll(f -> f.trial() == finished.trial() ? finished : f);
                    state = state.withFinalists(updated);
                }
                save();
            }
        }
        if (!stopRequested) {
            synchronized (this) {
                state = state.withPhase(SearchState.Phase.DONE, "done");
            }
            save();
        }
    }

    /** Hands one finalist to the service: the whole training set, tested after its last epoch. */
    private Running submitFinal(Trial trial) {
        SearchSettings settings = state.settings();
        RunSpec spec = new RunSpec(tag(trial.id(), "final"), settings.dataset(), ArchitectureCatalog.CUSTOM,
                "xavier", false, trial.point().optimizer(), trial.point().learningRate(), 0.7, 0.9,
                settings.batchSize(), settings.finalEpochs(), settings.limitTrain(), "none", settings.seed(),
                "auto", trial.layers());
        listener.note(String.format(Locale.ROOT, "final: trial %d on all training images for %d epochs: %s",
                trial.id(), settings.finalEpochs(), trial.point().summary()));
        Running entry = new Running(FINAL, trial.id());
        synchronized (this) {
            entry.job = service.submit(spec, view, new Forward(entry, 0));
            running.add(entry);
        }
        return entry;
    }

    /** The finalist's outcome once its run ends; a cancelled one stays planned. */
    private Finalist awaitFinal(Finalist planned, Trial trial, Running entry) throws InterruptedException {
        long start = System.nanoTime();
        try {
            RunRecord record = awaitFinal(entry.job);
            double seconds = entry.startNanos == 0 ? (System.nanoTime() - start) / 1e9
                    : (System.nanoTime() - entry.startNanos) / 1e9;
            if (record.status() == RunStatus.COMPLETED) {
                double accuracy = record.epochs().get(record.epochs().size() - 1).testAccuracy();
                listener.note(String.format(Locale.ROOT, "final: trial %d, %,d parameters: test accuracy %.2f%%",
                        trial.id(), trial.parameters(), 100 * accuracy));
                return planned.finished(Segment.COMPLETED, record.id(), accuracy, seconds, null);
            }
            if (record.status() == RunStatus.CANCELLED) {
                return planned;
            }
            return planned.finished(Segment.FAILED, record.id(), Double.NaN, seconds, record.message());
        } catch (ExecutionException e) {
            return e.getCause() instanceof atelier.task.CancelledException ? planned
                    : planned.finished(Segment.FAILED, null, Double.NaN, 0, e.getCause().getMessage());
        } finally {
            synchronized (this) {
                running.remove(entry);
            }
        }
    }

    private RunRecord awaitFinal(TrainingJob job) throws InterruptedException, ExecutionException {
        long lastBeat = System.nanoTime();
        while (true) {
            try {
                return job.result().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - lastBeat > HEARTBEAT_NANOS) {
                    lastBeat = System.nanoTime();
                    save();
                }
            }
        }
    }

    private String tag(int trial, String part) {
        return TAG + state.name() + ":t" + trial + ":" + part;
    }

    /** Seconds of the budget spent: those of earlier sessions and this one's wall clock while searching. */
    private double spent() {
        return spentAtStart + (System.nanoTime() - sessionStart) / 1e9;
    }

    private synchronized void save() {
        if (state.phase() == SearchState.Phase.SEARCHING) {
            state = state.withSpent(spent(), state.finalSeconds());
        } else if (state.phase() == SearchState.Phase.RETRAINING && retrainStart != 0) {
            state = state.withSpent(state.spentSeconds(), finalAtStart + (System.nanoTime() - retrainStart) / 1e9);
        }
        store.save(state);
        listener.changed(state);
    }

    /** Hands a segment's news to the search listener and remembers when and where it started. */
    private final class Forward implements TrainingListener {
        private final Running entry;
        private final long images;

        Forward(Running entry, long images) {
            this.entry = entry;
            this.images = images;
        }

        @Override
        public void started(Path runFolder, RunRecord record) {
            String runName = runFolder.getFileName().toString();
            entry.startNanos = System.nanoTime();
            entry.runName = runName;
            if (entry.trial != FINAL) {
                synchronized (SearchRunner.this) {
                    state.trial(entry.trial).ifPresent(t -> state = state.withTrial(t.with(
                            Segment.running(entry.rung, images, runName))));
                }
                save();
            }
        }

        @Override
        public void iteration(IterationProgress progress) {
            listener.progress(entry.trial, entry.rung, progress);
        }
    }
}
