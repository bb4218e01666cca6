package dev.imagegen.bench;

import java.time.Duration;

/**
 * Sizes of one bench run.
 *
 * @param noopSubtasks no-op subtasks per end-to-end run
 * @param chunk subtasks per submitted task
 * @param warmup subtasks submitted before each end-to-end run, not measured
 * @param pacedPerSecond single-subtask tasks per second in the latency runs
 * @param pacedFor how long the latency runs submit
 * @param slotJobs one-second jobs in the 40-slot run
 * @param pgbenchSeconds duration of each pgbench run
 * @param pgbenchPending attempts seeded for each pgbench run
 * @param scaling worker processes of the scaling runs
 */
record Sizes(
        String name,
        int noopSubtasks,
        int chunk,
        int warmup,
        int pacedPerSecond,
        Duration pacedFor,
        int slotJobs,
        int pgbenchSeconds,
        int pgbenchPending,
        int[] scaling) {

    static final Sizes QUICK =
            new Sizes("quick", 500, 100, 100, 20, Duration.ofSeconds(5), 400, 3, 60_000, new int[] {1, 2});
    static final Sizes FULL =
            new Sizes("full", 5000, 1000, 500, 20, Duration.ofSeconds(15), 2600, 8, 150_000, new int[] {1, 2, 4, 8});

    Sizes withScaling(int[] workers) {
        return new Sizes(
                name,
                noopSubtasks,
                chunk,
                warmup,
                pacedPerSecond,
                pacedFor,
                slotJobs,
                pgbenchSeconds,
                pgbenchPending,
                workers);
    }
}
