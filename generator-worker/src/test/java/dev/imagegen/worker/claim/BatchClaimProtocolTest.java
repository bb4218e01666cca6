package dev.imagegen.worker.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code settle_queue_tasks}: one outcome per attempt, one statement per batch. */
class BatchClaimProtocolTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static ClaimDatabase database;
    private static JdbcClient jdbc;
    private static QueueTaskClaims claims;

    @BeforeAll
    static void database() {
        database = ClaimDatabase.migrated("batch_claims");
        jdbc = database.jdbc();
        claims = database.claims();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aBatchClaimsUpToTheFreeSlotsInOrderAndAnswersEveryOtherAttempt() {
        int queue = queue(3);
        int paused = queue(5);
        jdbc.sql("UPDATE task_queues SET is_active = false WHERE id = ?")
                .param(paused)
                .update();
        long a = attempt(queue, null);
        long b = attempt(queue, null);
        long cancelled = attempt(queue, null);
        long c = attempt(queue, null);
        long d = attempt(queue, null);
        long notYet = attempt(queue, "now() + interval '1 hour'");
        long inPausedQueue = attempt(paused, null);
        jdbc.sql("UPDATE tasks SET status = 'cancelled' WHERE id = (SELECT task_id FROM queue_tasks WHERE id = ?)")
                .param(cancelled)
                .update();

        Map<Long, ClaimOutcome> outcomes = claim("w1", d, cancelled, a, notYet, b, c, inPausedQueue, 999_999L);

        // The three free slots go in admission order (V161), whatever the caller's order: a, b and the
        // cancelled attempt, which took its place and was turned away; c and d wait.
        assertThat(outcomes)
                .containsEntry(a, ClaimOutcome.CLAIMED)
                .containsEntry(b, ClaimOutcome.CLAIMED)
                .containsEntry(cancelled, ClaimOutcome.NOT_PENDING)
                .containsEntry(notYet, ClaimOutcome.NOT_YET)
                .containsEntry(c, ClaimOutcome.QUEUE_FULL)
                .containsEntry(d, ClaimOutcome.QUEUE_FULL)
                .containsEntry(inPausedQueue, ClaimOutcome.QUEUE_PAUSED)
                .containsEntry(999_999L, ClaimOutcome.NOT_FOUND);
        assertThat(count("SELECT current_concurrent_tasks FROM task_queues WHERE id = " + queue))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM queue_tasks WHERE status = 'processing' AND worker_id = 'w1'"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM task_logs WHERE message = 'started' AND details->>'queue_id' = '" + queue
                        + "'"))
                .isEqualTo(2);
        // The last slot: c, admitted before d (which another worker would hold).
        assertThat(claim("w2", d, c, a))
                .containsEntry(c, ClaimOutcome.CLAIMED)
                .containsEntry(d, ClaimOutcome.QUEUE_FULL)
                .containsEntry(a, ClaimOutcome.NOT_PENDING);
        assertThat(count("SELECT count(*) FROM check_queue_concurrency_consistency()"))
                .isZero();
    }

    @Test
    void aBatchCompletionIsFencedPerAttemptAndKeepsCountersExact() {
        int queue = queue(4);
        long a = attempt(queue, null);
        long b = attempt(queue, null);
        long c = attempt(queue, null);
        assertThat(claim("w", a, b, c).values()).containsOnly(ClaimOutcome.CLAIMED);
        jdbc.sql(
                        "UPDATE subtasks SET status = 'cancelled' WHERE id = (SELECT subtask_id FROM queue_tasks WHERE id = ?)")
                .param(b)
                .update();

        Settled settled = claims.settle(
                "w",
                List.of(
                        new Completion(new Attempt(a, "w", 1), "{\"url\":\"a\"}"),
                        new Completion(new Attempt(b, "w", 1), "{\"url\":\"b\"}"),
                        new Completion(new Attempt(c, "w", 2), "{\"url\":\"wrong attempt\"}")),
                List.of(),
                LEASE);

        assertThat(settled.completions())
                .containsEntry(a, CompleteOutcome.COMPLETED)
                .containsEntry(b, CompleteOutcome.CANCELLED)
                .containsEntry(c, CompleteOutcome.LOST);
        assertThat(claims.settle("other", List.of(new Completion(new Attempt(c, "other", 1), "{}")), List.of(), LEASE)
                        .completions())
                .containsEntry(c, CompleteOutcome.LOST);
        assertThat(jdbc.sql("SELECT status FROM queue_tasks WHERE id IN (?, ?, ?) ORDER BY id")
                        .params(a, b, c)
                        .query(String.class)
                        .list())
                .containsExactly("completed", "cancelled", "processing");
        assertThat(count("SELECT current_concurrent_tasks FROM task_queues WHERE id = " + queue))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM check_task_progress_consistency()"))
                .isZero();
        assertThat(count("SELECT count(*) FROM check_queue_concurrency_consistency()"))
                .isZero();
    }

    @Test
    void aSlotHandedOverInOneTransactionWakesNobodyAndAFreedSlotDoes() throws Exception {
        int queue = queue(1);
        String name = jdbc.sql("SELECT name FROM task_queues WHERE id = ?")
                .param(queue)
                .query(String.class)
                .single();
        long first = attempt(queue, null);
        long next = attempt(queue, null);
        assertThat(claim("w", first, next))
                .containsEntry(first, ClaimOutcome.CLAIMED)
                .containsEntry(next, ClaimOutcome.QUEUE_FULL);

        try (Connection listener = database.dataSource().getConnection()) {
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN imagegen_queue_slot_freed");
            }
            Settled handedOver =
                    claims.settle("w", List.of(new Completion(new Attempt(first, "w", 1), "{}")), List.of(next), LEASE);
            assertThat(handedOver.completions()).containsEntry(first, CompleteOutcome.COMPLETED);
            assertThat(handedOver.claims()).containsEntry(next, ClaimOutcome.CLAIMED);
            assertThat(notifications(listener, name, 300)).isZero();

            claims.settle("w", List.of(new Completion(new Attempt(next, "w", 1), "{}")), List.of(), LEASE);
            assertThat(notifications(listener, name, 2_000)).isEqualTo(1);
        }
        assertThat(count("SELECT current_concurrent_tasks FROM task_queues WHERE id = " + queue))
                .isZero();
    }

    @Test
    void aClaimThatLosesTheLastSlotToAConcurrentClaimAnswersQueueFull() throws Exception {
        int queue = queue(1);
        long first = attempt(queue, null);
        // Of the same task: an older attempt of another task would make the claim wait its turn at once (V161).
        long second = ClaimTestData.sameTask(jdbc, first);
        try (Connection holder = database.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                // Claims the only slot and holds the queue row (its counter moved) until the commit.
                statement.execute(
                        "SELECT * FROM settle_queue_tasks('r1', interval '30 s', '{}', '{}', '{}', '{" + first + "}')");
            }
            // Reads one free slot (the first claim is not committed), tries, waits for the queue
            // row, finds it full once the first commits, and tries again under the lock.
            var racing = java.util.concurrent.CompletableFuture.supplyAsync(() -> claim("r2", second));
            // It stays blocked on the queue row while the first claim is open.
            org.awaitility.Awaitility.await()
                    .during(java.time.Duration.ofMillis(300))
                    .atMost(java.time.Duration.ofSeconds(2))
                    .until(() -> !racing.isDone());
            holder.commit();
            assertThat(racing.get()).containsEntry(second, ClaimOutcome.QUEUE_FULL);
        }
        assertThat(jdbc.sql("SELECT worker_id FROM queue_tasks WHERE status = 'processing' AND queue_id = ?")
                        .param(queue)
                        .query(String.class)
                        .list())
                .containsExactly("r1");
        assertThat(count("SELECT count(*) FROM check_queue_concurrency_consistency()"))
                .isZero();
    }

    private static int notifications(Connection listener, String queueName, int waitMillis) throws Exception {
        PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(waitMillis);
        int count = 0;
        for (PGNotification n : received == null ? new PGNotification[0] : received) {
            if (n.getParameter().equals(queueName)) {
                count++;
            }
        }
        return count;
    }

    private static Map<Long, ClaimOutcome> claim(String worker, Long... ids) {
        return claims.settle(worker, List.of(), List.of(ids), LEASE).claims();
    }

    private static long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static int queue(int max) {
        return ClaimTestData.queue(jdbc, max);
    }

    private static long attempt(int queue, String notBefore) {
        return ClaimTestData.attempt(jdbc, queue, notBefore);
    }
}
