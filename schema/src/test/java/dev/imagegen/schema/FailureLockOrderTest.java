package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V151: a failure report and a settle of the same task take the task's row and the queue's row in
 * the same order. The interleaving that deadlocked before is forced with a third session: it holds
 * the failing subtask's row, so the failure stops after its first locks; the settle then runs up to
 * its first wait; the third session lets go, and both must finish.
 */
class FailureLockOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    static SchemaDatabase db;
    static WorkerCalls calls;
    static int queue;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("failure_lock_order", 6);
        calls = new WorkerCalls(db.jdbc);
        queue = db.jdbc
                .sql("INSERT INTO task_queues (name, max_concurrent_tasks) VALUES ('lock_order', 10) RETURNING id")
                .query(Integer.class)
                .single();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aFailureAndASettleOfTheSameTaskBothFinish() throws Exception {
        UUID task = db.createTask(db.createUser("lock_order"), "two attempts");
        db.insertSubtasks(task, 2);
        List<Long> attempts = calls.enqueue(queue, task);
        long settled = attempts.get(0);
        long failed = attempts.get(1);
        assertThat(calls.claimOne(settled, "wa")).isEqualTo("claimed");
        assertThat(calls.claimOne(failed, "wb")).isEqualTo("claimed");

        try (Connection holder = db.dataSource.getConnection();
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("SELECT 1 FROM subtasks WHERE (task_id, id) = (SELECT task_id, subtask_id"
                        + " FROM queue_tasks WHERE id = " + failed + ") FOR UPDATE");
            }
            CompletableFuture<String> failure =
                    CompletableFuture.supplyAsync(() -> calls.fail(failed, "wb", false), pool);
            awaitWaiting(1);
            CompletableFuture<List<String>> settle =
                    CompletableFuture.supplyAsync(() -> calls.settle("wa", List.of(settled), List.of()), pool);
            awaitWaiting(2);
            holder.commit();

            assertThat(failure.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("failed");
            assertThat(settle.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsExactly("completed");
        }

        assertThat(db.jdbc
                        .sql("SELECT status FROM queue_tasks WHERE id IN (?, ?) ORDER BY id")
                        .params(settled, failed)
                        .query(String.class)
                        .list())
                .containsExactly("completed", "failed");
        assertThat(db.jdbc
                        .sql("SELECT current_concurrent_tasks FROM task_queues WHERE id = ?")
                        .param(queue)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(db.task(task).finished()).isTrue();
        assertThat(db.driftedTasks()).doesNotContain(task);
    }

    /** Until this many sessions of the test's database wait for a row lock. */
    private static void awaitWaiting(int sessions) {
        Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> db.jdbc
                                .sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                        + " AND wait_event_type = 'Lock'")
                                .query(Long.class)
                                .single()
                        >= sessions);
    }
}
