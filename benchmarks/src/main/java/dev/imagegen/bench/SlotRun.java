package dev.imagegen.bench;

import java.time.Duration;
import java.util.List;

/**
 * A full queue: one-second jobs at a limit of 40 across several worker processes. Utilization =
 * busy slot-seconds / (40 x first claim -> last completion), over the whole run; the hand-off gap =
 * the (k + 40)-th claim minus the k-th release; the ramp-up (first claim to the 40th) is reported
 * beside them.
 */
final class SlotRun {

    static final int SLOT_LIMIT = 40;
    static final String LABEL = "ours, " + SLOT_LIMIT + " slots";

    private final BenchSystem system;
    private final Sizes sizes;
    private final EndToEnd endToEnd;
    private final List<String> notes;

    SlotRun(BenchSystem system, Sizes sizes, EndToEnd endToEnd, List<String> notes) {
        this.system = system;
        this.sizes = sizes;
        this.endToEnd = endToEnd;
        this.notes = notes;
    }

    Row measure(int instances) throws Exception {
        BenchRunner.log(LABEL + ": " + sizes.slotJobs() + " jobs of 1 s, " + instances + " workers");
        long from = endToEnd.submitAndAwait("slots", sizes.slotJobs(), Duration.ofMinutes(15));
        List<Object[]> attempts = system.query(BenchSql.RUN_TIMES_AFTER, from, system.queueId);
        long[] starts =
                attempts.stream().mapToLong(a -> ((Number) a[0]).longValue()).toArray();
        long[] ends =
                attempts.stream().mapToLong(a -> ((Number) a[1]).longValue()).toArray();
        double drain = ((Number) system.query(BenchSql.SPAN_AFTER, from).getFirst()[2]).doubleValue();
        notes.add("%s: ramp-up (first claim to the %dth) %.0f ms; the run took %.1f s (ideal %.1f s)"
                .formatted(
                        LABEL,
                        SLOT_LIMIT,
                        Stats.rampUpMs(starts, SLOT_LIMIT),
                        drain,
                        sizes.slotJobs() / (double) SLOT_LIMIT));
        return new Row(
                LABEL,
                "1 s jobs, %d x %d consumers, limit %d (ideal %.1f s)"
                        .formatted(
                                instances,
                                BenchSystem.CONSUMERS_PER_WORKER,
                                SLOT_LIMIT,
                                sizes.slotJobs() / (double) SLOT_LIMIT),
                attempts.size(),
                drain,
                attempts.size() / drain,
                null,
                Stats.handoffGaps(starts, ends, SLOT_LIMIT),
                Stats.utilization(starts, ends, SLOT_LIMIT));
    }
}
