package atelier.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The promotion decisions of asynchronous successive halving, on an objective whose ranking is known. */
class SuccessiveHalvingTest {
    /** A trial's quality; its score at rung k is the quality plus 0.01 k (training longer helps a little). */
    private static final double[] QUALITY = {0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6, 0.4};

    /** One worker: take the next job, score it at once, until there is none. */
    private static List<SuccessiveHalving.Job> simulate(SuccessiveHalving halving, int maxTrials) {
        List<SuccessiveHalving.Result> results = new ArrayList<>();
        List<SuccessiveHalving.Job> jobs = new ArrayList<>();
        int trials = 0;
        while (true) {
            Optional<SuccessiveHalving.Job> next = halving.next(results, List.of(), trials < maxTrials);
            if (next.isEmpty()) {
                return jobs;
            }
            SuccessiveHalving.Job job = next.get();
            int trial = job.isNewTrial() ? trials++ : job.trial();
            jobs.add(new SuccessiveHalving.Job(trial, job.rung()));
            results.add(new SuccessiveHalving.Result(trial, job.rung(), QUALITY[trial] + 0.01 * job.rung()));
        }
    }

    @Test
    void promotesTheTopThirdOfARungAsSoonAsItIsAmongTheTopThird() {
        List<SuccessiveHalving.Job> jobs = simulate(new SuccessiveHalving(3, 2), 9);

        assertThat(jobs).containsExactly(
                job(0, 0), job(1, 0), job(2, 0),
                job(1, 1), // three results at rung 0: the best of them (0.9) goes up without waiting for more
                job(3, 0), job(4, 0), job(5, 0),
                job(5, 1), // six results: the top two are 1 and 5
                job(6, 0), job(7, 0), job(8, 0),
                job(3, 1), // nine: the third best, 3 (0.7), goes up
                job(1, 2)); // rung 1 has three results; its best goes to the top rung
        assertThat(jobs.stream().filter(j -> j.rung() == 1).map(SuccessiveHalving.Job::trial))
                .containsExactlyInAnyOrder(1, 3, 5);
    }

    @Test
    void reductionFactorFourPromotesAQuarter() {
        List<SuccessiveHalving.Job> jobs = simulate(new SuccessiveHalving(4, 1), 9);

        assertThat(jobs.stream().filter(j -> j.rung() == 1).map(SuccessiveHalving.Job::trial))
                .containsExactly(1, 5);
    }

    @Test
    void aFailedTrialCountsInItsRungButIsNeverPromoted() {
        SuccessiveHalving halving = new SuccessiveHalving(3, 1);
        List<SuccessiveHalving.Result> results = List.of(new SuccessiveHalving.Result(0, 0, Double.NaN),
                new SuccessiveHalving.Result(1, 0, 0.2), new SuccessiveHalving.Result(2, 0, 0.1));

        assertThat(halving.next(results, List.of(), true)).contains(job(1, 1));
        List<SuccessiveHalving.Result> allFailed = List.of(new SuccessiveHalving.Result(0, 0, Double.NaN),
                new SuccessiveHalving.Result(1, 0, Double.NaN), new SuccessiveHalving.Result(2, 0, Double.NaN));
        assertThat(halving.next(allFailed, List.of(), false)).isEmpty();
    }

    @Test
    void aTrialUnderWayIsNotPromotedTwice() {
        SuccessiveHalving halving = new SuccessiveHalving(3, 2);
        List<SuccessiveHalving.Result> results = List.of(new SuccessiveHalving.Result(0, 0, 0.5),
                new SuccessiveHalving.Result(1, 0, 0.9), new SuccessiveHalving.Result(2, 0, 0.1));

        assertThat(halving.next(results, List.of(job(1, 1)), true)).contains(new SuccessiveHalving.Job(
                SuccessiveHalving.NEW_TRIAL, 0));
        assertThat(halving.next(results, List.of(job(1, 1)), false)).isEmpty();
    }

    @Test
    void rungBudgetsGrowByTheReductionFactor() {
        SuccessiveHalving halving = new SuccessiveHalving(3, 3);

        assertThat(halving.budget(4000, 0)).isEqualTo(4000);
        assertThat(halving.budget(4000, 3)).isEqualTo(108_000);
        assertThatThrownBy(() -> new SuccessiveHalving(1, 2)).hasMessageContaining("at least 2");
    }

    private static SuccessiveHalving.Job job(int trial, int rung) {
        return new SuccessiveHalving.Job(trial, rung);
    }
}
