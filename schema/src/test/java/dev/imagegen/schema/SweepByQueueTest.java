package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SweepByQueueTest {

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("sweep_by_queue");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void eachRescueAndRetryIsCountedForItsQueueAndReason() {
        String expiring = queue();
        String stalled = queue();
        UUID task = db.createTask(db.createUser("sweep-" + expiring), "swept");
        db.insertSubtasks(task, 3);
        List<UUID> subtasks = subtasks(task);

        // A running attempt whose lease ran out: rescued, and retried at once in the same sweep.
        db.jdbc
                .sql("UPDATE subtasks SET status = 'processing' WHERE task_id = ? AND id = ?")
                .params(task, subtasks.get(0))
                .update();
        db.jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, status, started_at, lease_until, worker_id)
                SELECT id, ?, ?, 'processing', now(), now() - interval '1 minute', 'w1' FROM task_queues WHERE name = ?
                """).params(task, subtasks.get(0), expiring).update();
        // An attempt nobody claimed for two hours.
        db.jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, enqueued_at)
                SELECT id, ?, ?, now() - interval '2 hours' FROM task_queues WHERE name = ?
                """).params(task, subtasks.get(1), stalled).update();
        // A retry a worker asked for after a backend error, due now.
        db.jdbc.sql("""
                INSERT INTO subtask_retries (task_id, subtask_id, queue_id, priority, attempt, due_at, last_error)
                SELECT ?, ?, id, 1, 2, now() - interval '1 second', 'HTTP 503: busy' FROM task_queues WHERE name = ?
                """).params(task, subtasks.get(2), stalled).update();

        List<String> counted = db.jdbc
                .sql("SELECT * FROM sweep_queue_tasks_by_queue(interval '1 hour') WHERE count > 0")
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getInt(4))
                .list();

        assertThat(counted)
                .containsExactlyInAnyOrder(
                        expiring + " rescues lease_expired 1",
                        expiring + " retries lease_expired 1",
                        stalled + " rescues not_claimed 1",
                        stalled + " retries failed 1");
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM queue_tasks WHERE status = 'pending' AND task_id = ?")
                        .param(task)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aRescuedAttemptOfACancelledTaskIsNotRetried() {
        String expiring = queue();
        UUID task = db.createTask(db.createUser("sweep-cancelled-" + expiring), "cancelled while running");
        db.insertSubtasks(task, 1);
        UUID subtask = subtasks(task).getFirst();
        db.jdbc
                .sql("UPDATE subtasks SET status = 'processing' WHERE task_id = ? AND id = ?")
                .params(task, subtask)
                .update();
        db.jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, status, started_at, lease_until, worker_id)
                SELECT id, ?, ?, 'processing', now(), now() - interval '1 minute', 'w1' FROM task_queues WHERE name = ?
                """).params(task, subtask, expiring).update();
        db.jdbc
                .sql("UPDATE tasks SET status = 'cancelled' WHERE id = ?")
                .param(task)
                .update();

        db.jdbc
                .sql("SELECT * FROM sweep_queue_tasks_by_queue(interval '1 hour')")
                .query()
                .listOfRows();
        db.jdbc
                .sql("SELECT * FROM sweep_queue_tasks_by_queue(interval '1 hour')")
                .query()
                .listOfRows();

        assertThat(db.jdbc
                        .sql("SELECT status::text FROM queue_tasks WHERE task_id = ? ORDER BY id")
                        .param(task)
                        .query(String.class)
                        .list())
                .as("the expired attempt ends and no retry is written")
                .containsExactly("failed");
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM subtask_retries WHERE task_id = ?")
                        .param(task)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(db.jdbc
                        .sql("SELECT status::text FROM subtasks WHERE task_id = ?")
                        .param(task)
                        .query(String.class)
                        .single())
                .isEqualTo("cancelled");
        assertThat(db.task(task).status()).isEqualTo("cancelled");
        assertThat(db.driftedTasks()).doesNotContain(task);
    }

    @Test
    void everyQueueHasARowForEveryKindAndReasonEvenWhenNothingHappened() {
        long queues = db.jdbc
                .sql("SELECT count(*) FROM task_queues")
                .query(Long.class)
                .single();

        List<String> rows = db.jdbc
                .sql("SELECT kind || ' ' || reason || ' ' || count FROM sweep_queue_tasks_by_queue(interval '1 hour')")
                .query(String.class)
                .list();

        assertThat(rows).hasSize((int) queues * 4);
        assertThat(rows.stream().distinct())
                .containsExactlyInAnyOrder(
                        "rescues lease_expired 0",
                        "rescues not_claimed 0",
                        "retries lease_expired 0",
                        "retries failed 0");
    }

    @Test
    void aSecondSweeperCountsNothingAndTheTotalsStayNullForIt() throws Exception {
        try (Connection holder = db.dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("SELECT * FROM sweep_queue_tasks(interval '1 hour')");
            }
            assertThat(db.jdbc
                            .sql("SELECT count(*) FROM sweep_queue_tasks_by_queue(interval '1 hour') WHERE count > 0")
                            .query(Long.class)
                            .single())
                    .isZero();
            try (Connection other = db.dataSource.getConnection();
                    Statement statement = other.createStatement();
                    ResultSet totals = statement.executeQuery("SELECT * FROM sweep_queue_tasks(interval '1 hour')")) {
                totals.next();
                assertThat(totals.getObject("rescued_leases")).isNull();
                assertThat(totals.getObject("moved_retries")).isNull();
            }
            holder.rollback();
        }
        assertThat(db.jdbc
                        .sql("SELECT rescued_leases FROM sweep_queue_tasks(interval '1 hour')")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private static String queue() {
        String name = "q_" + UUID.randomUUID().toString().substring(0, 8);
        db.jdbc
                .sql("INSERT INTO task_queues (name, max_concurrent_tasks) VALUES (?, 4)")
                .param(name)
                .update();
        return name;
    }

    private static List<UUID> subtasks(UUID task) {
        return db.jdbc
                .sql("SELECT id FROM subtasks WHERE task_id = ? ORDER BY id")
                .param(task)
                .query(UUID.class)
                .list();
    }
}
