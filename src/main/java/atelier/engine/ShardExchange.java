package atelier.engine;

/**
 * Where the shards of one data-parallel step meet to add up a few numbers: batch normalization's per-channel sums,
 * so that every shard normalizes with the statistics of the whole batch, exactly as an unsplit batch does.
 *
 * <p>Each shard hands in its vector and gets back the sum over all shards, added in shard order (so the result is
 * the same on every shard and from run to run). Two banks alternate, so a shard that has its sum can go on and hand
 * in its next vector while a slower one still reads the last sum: a shard can only come back to a bank after every
 * shard has passed the exchange in between, that is, after all have read it. A failed shard {@link #abort}s the
 * exchange, so that the others stop waiting and fail too instead of hanging.
 */
final class ShardExchange {
    private final float[][][] banks;
    private final int[] arrived = new int[2];
    private final long[] generation = new long[2];
    private int bank;
    private boolean aborted;
    /** How many shards take part in the current step; set by the network before it starts them. */
    private volatile int parties = 1;

    ShardExchange(int maxShards) {
        banks = new float[2][maxShards][];
    }

    void begin(int shards) {
        synchronized (this) {
            if (shards > banks[0].length) {
                throw new IllegalArgumentException(shards + " shards, at most " + banks[0].length);
            }
            parties = shards;
            aborted = false;
            arrived[0] = 0;
            arrived[1] = 0;
            bank = 0;
        }
    }

    int parties() {
        return parties;
    }

    /** The sum over all shards of their {@code values}, once every shard of the step has handed in its own. */
    float[] sum(int shard, float[] values) {
        int shards = parties;
        if (shards == 1) {
            return values;
        }
        synchronized (this) {
            int mine = bank;
            long waitingFor = generation[mine];
            banks[mine][shard] = values;
            if (++arrived[mine] == shards) {
                arrived[mine] = 0;
                generation[mine]++;
                bank = 1 - mine;
                notifyAll();
            } else {
                while (generation[mine] == waitingFor && !aborted) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        aborted = true;
                        notifyAll();
                    }
                }
                if (generation[mine] == waitingFor) {
                    throw new IllegalStateException("another shard of this step failed");
                }
            }
            float[] total = new float[values.length];
            for (int s = 0; s < shards; s++) {
                float[] part = banks[mine][s];
                for (int i = 0; i < total.length; i++) {
                    total[i] += part[i];
                }
            }
            return total;
        }
    }

    /** Releases every shard waiting in {@link #sum}: each fails, as the step has. */
    void abort() {
        synchronized (this) {
            aborted = true;
            notifyAll();
        }
    }
}
