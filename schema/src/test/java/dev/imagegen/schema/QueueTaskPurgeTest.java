package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** V134: retention deletes only finished attempts of finished subtasks, and queue_status does not move. */
class QueueTaskPurgeTest {

    static SchemaDatabase db;
    static int queue;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("queue_task_purge");
        queue = db.jdbc
                .sql("INSERT INTO task_queues (name, max_concurrent_tasks) VALUES ('purged', 100) RETURNING id")
                .query(Integer.class)
                .single();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void purgesFinishedAttemptsOfFinishedSubtasksPastRetentionAndCountsStay() {
        UUID task = db.createTask(db.createUser("history"), "history");
        db.insertSubtasks(task, 8);
        List<UUID> s = db.jdbc
                .sql("SELECT id FROM subtasks WHERE task_id = ? ORDER BY id")
                .param(task)
                .query(UUID.class)
                .list();
        status(task, s.get(0), "completed");
        status(task, s.get(1), "completed");
        status(task, s.get(2), "failed");
        status(task, s.get(3), "cancelled");
        status(task, s.get(4), "completed");
        status(task, s.get(5), "pending");
        status(task, s.get(6), "processing");
        long completedOld = attempt(task, s.get(0), 1, "completed", 40);
        long failedThenCompleted1 = attempt(task, s.get(1), 1, "failed", 41);
        long failedThenCompleted2 = attempt(task, s.get(1), 2, "completed", 40);
        long failedEarlier = attempt(task, s.get(2), 1, "failed", 42);
        long failedLatest = attempt(task, s.get(2), 2, "failed", 41);
        long cancelledOld = attempt(task, s.get(3), 1, "cancelled", 40);
        long completedRecent = attempt(task, s.get(4), 1, "completed", 2);
        long failedOfPending = attempt(task, s.get(5), 1, "failed", 40);
        long processingOld = attempt(task, s.get(6), 1, "processing", 40);
        long pendingOld = attempt(task, s.get(7), 1, "pending", 40);
        Map<String, Object> before = queueRow();

        int deleted = 0;
        long after = 0;
        int windows = 0;
        boolean more = true;
        while (more) {
            Map<String, Object> batch = db.jdbc
                    .sql("SELECT * FROM purge_finished_queue_tasks(INTERVAL '30 days', ?, 3)")
                    .param(after)
                    .query()
                    .singleRow();
            deleted += (Integer) batch.get("deleted");
            after = (Long) batch.get("last_id");
            more = (Boolean) batch.get("more");
            windows++;
        }

        assertThat(deleted).isEqualTo(5);
        assertThat(windows).isGreaterThanOrEqualTo(4);
        assertThat(db.jdbc
                        .sql("SELECT id FROM queue_tasks WHERE task_id = ? ORDER BY id")
                        .param(task)
                        .query(Long.class)
                        .list())
                .containsExactly(failedLatest, completedRecent, failedOfPending, processingOld, pendingOld)
                .doesNotContain(completedOld, failedThenCompleted1, failedThenCompleted2, failedEarlier, cancelledOld);
        assertThat(queueRow()).isEqualTo(before);
        assertThat(QueueStatusRecount.drifted(db.jdbc)).isEmpty();
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM subtasks WHERE task_id = ? AND result IS NOT NULL")
                        .param(task)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void onlyQueueTasksIsPublishedAndItsDeletesNeverLeaveTheServer() {
        assertThat(db.jdbc
                        .sql("SELECT schemaname || '.' || tablename FROM pg_publication_tables"
                                + " WHERE pubname = 'imagegen_dispatch'")
                        .query(String.class)
                        .list())
                .containsExactly("public.queue_tasks");
        UUID task = db.createTask(db.createUser("decoded"), "decoded");
        db.insertSubtasks(task, 2);
        List<UUID> s = db.jdbc
                .sql("SELECT id FROM subtasks WHERE task_id = ? ORDER BY id")
                .param(task)
                .query(UUID.class)
                .list();
        status(task, s.get(0), "completed");
        attempt(task, s.get(0), 1, "completed", 40);
        String slot = db.database.name() + "_slot";
        db.jdbc
                .sql("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")
                .param(slot)
                .query()
                .listOfRows();
        try {
            assertThat(db.jdbc
                            .sql("SELECT deleted FROM purge_finished_queue_tasks(INTERVAL '30 days')")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            long marker = attempt(task, s.get(1), 1, "pending", 0);

            // pgoutput's message types, as the dispatcher's slot would receive them.
            List<String> types =
                    db.jdbc.sql("""
                    SELECT chr(get_byte(data, 0)) FROM pg_logical_slot_peek_binary_changes(
                        ?, NULL, NULL, 'proto_version', '1', 'publication_names', 'imagegen_dispatch')
                    """).param(slot).query(String.class).list();
            assertThat(types).contains("I").doesNotContain("D", "U");
            assertThat(types.stream().filter("I"::equals)).hasSize(1);
            assertThat(marker).isPositive();
        } finally {
            db.jdbc
                    .sql("SELECT pg_drop_replication_slot(?)")
                    .param(slot)
                    .query()
                    .listOfRows();
        }
    }

    private static Map<String, Object> queueRow() {
        return db.jdbc
                .sql("SELECT * FROM queue_status WHERE id = ?")
                .param(queue)
                .query()
                .singleRow();
    }

    private static void status(UUID task, UUID subtask, String status) {
        db.jdbc.sql("""
                UPDATE subtasks SET status = ?::subtask_status,
                       result = CASE WHEN ? = 'completed' THEN '{"images": []}'::jsonb END
                 WHERE task_id = ? AND id = ?
                """).params(status, status, task, subtask).update();
    }

    /** An attempt enqueued, run for 3 s and finished (unless still waiting or running) daysAgo days ago. */
    private static long attempt(UUID task, UUID subtask, int attempt, String status, int daysAgo) {
        return db.jdbc
                .sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, status, attempt, enqueued_at, started_at,
                                         completed_at, worker_id)
                VALUES (?, ?, ?, ?, ?, now() - make_interval(days => ?, secs => 5),
                        CASE WHEN ? <> 'pending' THEN now() - make_interval(days => ?, secs => 3) END,
                        CASE WHEN ? NOT IN ('pending', 'processing') THEN now() - make_interval(days => ?) END, 'w')
                RETURNING id
                """)
                .params(queue, task, subtask, status, attempt, daysAgo, status, daysAgo, status, daysAgo)
                .query(Long.class)
                .single();
    }
}
