package atelier.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path folder;

    @Test
    void aLockIsHeldWhileTakenAndFreeAfterwards() {
        assertThat(RunLock.isHeld(folder)).isFalse();
        try (RunLock lock = RunLock.acquire(folder)) {
            assertThat(RunLock.isHeld(folder)).isTrue();
            assertThat(RunLock.holder(folder)).startsWith("pid " + ProcessHandle.current().pid());
        }
        assertThat(RunLock.isHeld(folder)).isFalse();
    }

    @Test
    void threadsThatProbeAtOnceDoNotTakeEachOthersProbeForATrainingProcess() throws Exception {
        RunLock.acquire(folder).close();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> heldCounts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                heldCounts.add(pool.submit(() -> {
                    start.await();
                    int held = 0;
                    for (int i = 0; i < 300; i++) {
                        held += RunLock.isHeld(folder) ? 1 : 0;
                    }
                    return held;
                }));
            }
            start.countDown();
            for (Future<Integer> count : heldCounts) {
                assertThat(count.get()).as("probes that saw a holder").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
