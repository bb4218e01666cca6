package dev.imagegen.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The scheduling order under load (docs/scheduling.md), on the full queue of {@link SlotRun} (1 s jobs, 40 slots): how
 * soon another user's small task starts behind a large backlog, and how closely a rate limit is kept.
 */
final class SchedulingRun {

    static final int BACKLOG = 2000;
    static final int RATE = 600;
    static final Duration RATE_RUN = Duration.ofSeconds(90);
    // Starts are compared in microseconds, as PostgreSQL stamps them: rounded to milliseconds, two starts
    // 60.0008 s apart would fall into one sliding minute.
    private static final long MINUTE_MICROS = 60_000_000L;

    private static final String FIRST_START_AFTER_SUBMISSION = """
            SELECT extract(epoch FROM min(q.started_at) - t.created_at)::float8
              FROM tasks t JOIN queue_tasks q ON q.task_id = t.id
             WHERE t.id = ? AND q.started_at IS NOT NULL
             GROUP BY t.created_at
            """;
    private static final String RUNNING =
            "SELECT count(*) FROM queue_tasks WHERE queue_id = ? AND status = 'processing'";
    // Every start of the queue while the limit held, whichever task it belongs to.
    private static final String STARTS_BETWEEN = """
            SELECT (extract(epoch FROM q.started_at) * 1000000)::bigint
              FROM queue_tasks q
             WHERE q.queue_id = ? AND q.started_at >= CAST(? AS timestamptz) AND q.started_at < CAST(? AS timestamptz)
             ORDER BY q.started_at
            """;
    private static final String NOW = "SELECT now()::text";
    private static final String SET_RATE = "UPDATE task_queues SET rate_limit_per_minute = ? WHERE id = ?";

    private final BenchSystem system;
    private final List<String> notes;

    SchedulingRun(BenchSystem system, List<String> notes) {
        this.system = system;
        this.notes = notes;
    }

    /** The table, as markdown. */
    String measure() throws Exception {
        double firstStart = fairShare();
        double[] rate = rateLimit();
        return """
                Scheduling order (docs/scheduling.md), 1 s jobs, limit %d, 4 worker processes:

                | row | value | setup |
                |---|---:|---|
                | fair share: B's first start after A's backlog (s) | %.2f | user1 submits %,d subtasks, user2 then 1; \
                first-in-first-out would start it after about %.0f s |
                | rate limit: max starts in any 60 s / limit | %.3f | %d starts a minute allowed, %s of backlog; the \
                fullest sliding minute held %.0f starts, the emptiest full minute %.0f |

                """.formatted(
                        SlotRun.SLOT_LIMIT,
                        firstStart,
                        BACKLOG,
                        BACKLOG / (double) SlotRun.SLOT_LIMIT,
                        rate[0] / RATE,
                        RATE,
                        RATE_RUN.toSeconds() + " s",
                        rate[0],
                        rate[1]);
    }

    private double fairShare() throws Exception {
        BenchRunner.log("fair share: " + BACKLOG + " subtasks of user1, then 1 of user2");
        Api user2 = new Api(BenchSystem.API_PORT, "user2");
        UUID large = system.api.submit("fair-a", BACKLOG);
        awaitRunning(SlotRun.SLOT_LIMIT, Duration.ofSeconds(60));
        UUID small = user2.submit("fair-b", 1);
        Double seconds = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (seconds == null && System.nanoTime() < deadline) {
            List<Object[]> row = system.query(FIRST_START_AFTER_SUBMISSION, small);
            seconds = row.isEmpty() ? null : ((Number) row.getFirst()[0]).doubleValue();
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        system.api.cancel(large);
        awaitRunning(0, Duration.ofSeconds(60));
        if (seconds == null) {
            notes.add("fair share: user2's task did not start within 3 minutes");
            return Double.NaN;
        }
        return seconds;
    }

    /** [most starts in any sliding 60 s, fewest in a full minute from the first start]. */
    private double[] rateLimit() throws Exception {
        BenchRunner.log("rate limit: " + RATE + " a minute for " + RATE_RUN.toSeconds() + " s");
        system.update(SET_RATE, RATE, system.queueId);
        String limitFrom = system.queryString(NOW);
        String limitTo;
        try {
            UUID task = system.api.submit("rate", 2 * RATE);
            LockSupport.parkNanos(RATE_RUN.toNanos());
            // Cancelled while the limit still holds: what starts after it is lifted is not the limit's doing.
            system.api.cancel(task);
        } finally {
            limitTo = system.queryString(NOW);
            system.update("UPDATE task_queues SET rate_limit_per_minute = NULL WHERE id = ?", system.queueId);
        }
        awaitRunning(0, Duration.ofSeconds(60));
        List<Long> starts = new ArrayList<>();
        for (Object[] row : system.query(STARTS_BETWEEN, system.queueId, limitFrom, limitTo)) {
            starts.add(((Number) row[0]).longValue());
        }
        if (starts.isEmpty()) {
            notes.add("rate limit: nothing started");
            return new double[] {Double.NaN, Double.NaN};
        }
        int most = 0;
        for (int i = 0, j = 0; i < starts.size(); i++) {
            while (j < starts.size() && starts.get(j) < starts.get(i) + MINUTE_MICROS) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        int fewest = Integer.MAX_VALUE;
        long first = starts.getFirst();
        long last = starts.getLast();
        for (long minute = first; minute + MINUTE_MICROS <= last; minute += MINUTE_MICROS) {
            long from = minute;
            long to = minute + MINUTE_MICROS;
            fewest = (int) Math.min(
                    fewest, starts.stream().filter(t -> t >= from && t < to).count());
        }
        notes.add("rate limit: %d starts from %s to %s"
                .formatted(starts.size(), Instant.EPOCH.plusNanos(first * 1000), Instant.EPOCH.plusNanos(last * 1000)));
        return new double[] {most, fewest == Integer.MAX_VALUE ? Double.NaN : fewest};
    }

    private void awaitRunning(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long running = system.queryLong(RUNNING, system.queueId);
            if (count == 0 ? running == 0 : running >= count) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
