package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order in which a queue's backlog runs (V160), with three workers and the outbox relayed to Kafka: every start
 * is read back from the database's timestamps.
 */
class FairShareTest {

    private static final String STARTS_SINCE = """
            SELECT count(*) FROM queue_tasks
             WHERE queue_id = ? AND task_id = ? AND started_at > ? AND started_at < ?
            """;

    @Test
    void anotherUsersSmallTaskStartsWithinTheWindowAndTwoHandOffsAndEndsBeforeTheLargeOneStartsTwelveMore()
            throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("fair_share", 4)) {
            bed.set("imagegen.worker.backends.default.latency", "1s");
            bed.set("imagegen.worker.lease", "20s");
            bed.set("imagegen.worker.lease-renewal", "2s");
            startThreeWorkers(bed);
            UUID large = bed.submitToBacklog(bed.createUser(), 2000, 1);
            bed.startRelay();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count("SELECT count(*) FROM queue_tasks WHERE status = 'completed'") >= 8);

            OffsetDateTime submitted = now(bed);
            UUID small = bed.submitToBacklog(bed.createUser(), 4, 1);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            bed.count("SELECT count(*) FROM tasks WHERE id = ? AND status = 'completed'", small) == 1);

            OffsetDateTime firstStart = bed.jdbc
                    .sql("SELECT min(started_at) FROM queue_tasks WHERE task_id = ?")
                    .param(small)
                    .query(OffsetDateTime.class)
                    .single();
            OffsetDateTime done = bed.jdbc
                    .sql("SELECT completed_at FROM tasks WHERE id = ?")
                    .param(small)
                    .query(OffsetDateTime.class)
                    .single();
            int window = 4;
            assertThat(bed.count(STARTS_SINCE, bed.queueId, large, submitted, firstStart))
                    .as(
                            "starts of the large task before the small one's first: the admitted window, then two hand-offs")
                    .isLessThanOrEqualTo(window + 2);
            assertThat(bed.count(STARTS_SINCE, bed.queueId, large, submitted, done))
                    .as("starts of the large task until the small one completed")
                    .isLessThan(12);
            cancel(bed, large);
        }
    }

    @Test
    void usersWithBacklogsTakeTurnsInEveryThirtyConsecutiveClaims() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("round_robin", 3)) {
            bed.set("imagegen.worker.backends.default.latency", "100ms");
            startThreeWorkers(bed);
            List<Integer> users = List.of(bed.createUser(), bed.createUser(), bed.createUser());
            for (int user : users) {
                bed.submitToBacklog(user, 40, 1);
            }
            bed.startRelay();
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> bed.count("SELECT count(*) FROM queue_tasks WHERE status = 'completed'") >= 100);

            // Admission order (the outbox's, and Kafka's) is exact round-robin; claims that start in the
            // same instant on different workers have no order finer than that, so their windows may
            // differ by one more. The first user's first attempts (the idle queue's 3 free slots and a
            // lead of 2) were admitted before the others submitted anything.
            assertTakeTurns(bed, users, "qt.id", 5, 1);
            assertTakeTurns(bed, users, "qt.started_at, qt.id", 5, 2);
        }
    }

    private static void assertTakeTurns(WorkerTestBed bed, List<Integer> users, String order, int skip, int spread) {
        List<Integer> claims = bed.jdbc
                .sql("""
                SELECT t.user_id FROM queue_tasks qt JOIN tasks t ON t.id = qt.task_id
                 WHERE qt.queue_id = ? AND qt.started_at IS NOT NULL
                 ORDER BY %s
                """.formatted(order))
                .param(bed.queueId)
                .query(Integer.class)
                .list();
        assertThat(claims).hasSizeGreaterThanOrEqualTo(skip + 90);
        for (int from = skip; from + 30 <= skip + 90; from++) {
            List<Integer> thirty = claims.subList(from, from + 30);
            List<Long> counts = users.stream()
                    .map(u -> thirty.stream().filter(u::equals).count())
                    .toList();
            assertThat(counts.stream().mapToLong(Long::longValue).max().orElseThrow()
                            - counts.stream().mapToLong(Long::longValue).min().orElseThrow())
                    .as("claims %d to %d in the order of %s, by user: %s", from, from + 29, order, counts)
                    .isLessThanOrEqualTo(spread);
        }
    }

    @Test
    void aHigherPriorityTaskOvertakesItsOwnUsersBacklog() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("priority_overtakes", 2)) {
            // Jobs of a second keep the shallow lead (V168), the window this test bounds.
            bed.set("imagegen.worker.backends.default.latency", "1s");
            startThreeWorkers(bed);
            int user = bed.createUser();
            UUID low = bed.submitToBacklog(user, 200, 1);
            bed.startRelay();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count("SELECT count(*) FROM queue_tasks WHERE status = 'completed'") >= 4);

            OffsetDateTime submitted = now(bed);
            UUID high = bed.submitToBacklog(user, 3, 2);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            bed.count("SELECT count(*) FROM tasks WHERE id = ? AND status = 'completed'", high) == 1);
            OffsetDateTime lastHighStart = bed.jdbc
                    .sql("SELECT max(started_at) FROM queue_tasks WHERE task_id = ?")
                    .param(high)
                    .query(OffsetDateTime.class)
                    .single();
            assertThat(bed.count(STARTS_SINCE, bed.queueId, low, submitted, lastHighStart))
                    .as("starts of the lower priority task while the higher one ran: only its admitted window")
                    .isLessThanOrEqualTo(4);
            cancel(bed, low);
        }
    }

    @Test
    void aCancelledLargeTaskPublishesNoMoreThanTheRunningAndTheAdmitted() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("cheap_cancel", 4)) {
            // Jobs of a second keep the shallow lead (V168), the window this test bounds.
            bed.set("imagegen.worker.backends.default.latency", "1s");
            startThreeWorkers(bed);
            UUID large = bed.submitToBacklog(bed.createUser(), 10_000, 1);
            bed.startRelay();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count("SELECT count(*) FROM queue_tasks WHERE status = 'completed'") >= 8);

            OffsetDateTime cancelled = now(bed);
            cancel(bed, large);
            long written = bed.count("SELECT count(*) FROM queue_tasks WHERE task_id = ?", large);
            Thread.sleep(2_000);

            assertThat(bed.count("SELECT count(*) FROM queue_tasks WHERE task_id = ?", large))
                    .as("no attempt is admitted after the cancel")
                    .isEqualTo(written);
            assertThat(bed.count(
                            "SELECT count(*) FROM queue_tasks WHERE task_id = ?"
                                    + " AND (completed_at IS NULL OR completed_at >= ?)",
                            large,
                            cancelled))
                    .as("published and not done when the task was cancelled: at most limit + window")
                    .isLessThanOrEqualTo(4 + 4);
            assertThat(bed.count("SELECT count(*) FROM queue_backlog WHERE task_id = ?", large))
                    .isZero();
        }
    }

    private static void startThreeWorkers(WorkerTestBed bed) throws Exception {
        bed.startWorker("worker-a", Map.of());
        bed.startWorker("worker-b", Map.of());
        bed.startWorker("worker-c", Map.of());
        bed.awaitConsumers(6);
    }

    private static OffsetDateTime now(WorkerTestBed bed) {
        return bed.jdbc
                .sql("SELECT clock_timestamp()")
                .query(OffsetDateTime.class)
                .single();
    }

    /** Cancels a task the way the API does, in one transaction: its backlog first, then its waiting work. */
    private static void cancel(WorkerTestBed bed, UUID task) {
        new TransactionTemplate(new DataSourceTransactionManager(bed.dataSource)).executeWithoutResult(tx -> {
            bed.jdbc
                    .sql("SELECT drop_task_backlog(?)")
                    .param(task)
                    .query(Boolean.class)
                    .single();
            bed.jdbc
                    .sql("UPDATE queue_tasks SET status = 'cancelled', completed_at = now()"
                            + " WHERE task_id = ? AND status = 'pending'")
                    .param(task)
                    .update();
            bed.jdbc
                    .sql("UPDATE subtasks SET status = 'cancelled', completed_at = now()"
                            + " WHERE task_id = ? AND status = 'pending'")
                    .param(task)
                    .update();
            bed.jdbc
                    .sql("UPDATE tasks SET status = 'cancelled', completed_at = coalesce(completed_at, now())"
                            + " WHERE id = ?")
                    .param(task)
                    .update();
        });
    }
}
