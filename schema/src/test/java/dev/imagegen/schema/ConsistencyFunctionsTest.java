package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegen.schema.SchemaDatabase.TaskRow;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsistencyFunctionsTest {

    static SchemaDatabase db;
    static int userId;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("consistency");
        userId = db.createUser("consistency-user");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void taskDriftIsFoundWithExpectedValuesAndRepaired() {
        UUID task = db.createTask(userId, "drift");
        db.insertSubtasks(task, 4);
        db.move(task, "pending", "completed", 1);
        UUID untouched = db.createTask(userId, "fine");
        db.insertSubtasks(untouched, 2);

        // Drift injected behind the triggers' back.
        db.jdbc.sql("ALTER TABLE tasks DISABLE TRIGGER tasks_derive_progress").update();
        db.jdbc
                .sql("UPDATE tasks SET processed_images = 3, progress = 75, completed_subtasks = 3 WHERE id = ?")
                .param(task)
                .update();
        db.jdbc.sql("ALTER TABLE tasks ENABLE TRIGGER tasks_derive_progress").update();

        Map<String, Object> found = db.jdbc
                .sql("SELECT * FROM check_task_progress_consistency()")
                .query()
                .singleRow();
        assertThat(found)
                .containsEntry("task_id", task)
                .containsEntry("processed_images", 3)
                .containsEntry("expected_processed_images", 1)
                .containsEntry("progress", 75)
                .containsEntry("expected_progress", 25);

        assertThat(db.jdbc
                        .sql("SELECT task_id FROM fix_task_progress_inconsistencies()")
                        .query(UUID.class)
                        .list())
                .containsExactly(task);
        assertThat(db.task(task)).isEqualTo(new TaskRow(4, 1, 25, "processing", false));
        assertThat(db.driftedTasks()).isEmpty();
        assertThat(db.jdbc
                        .sql(
                                "SELECT count(*) FROM trigger_logs WHERE trigger_name = 'fix_task_progress_inconsistencies' AND record_id = ?")
                        .param(task.toString())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // Later transitions count from the repaired values.
        db.move(task, "pending", "completed", 3);
        assertThat(db.task(task)).isEqualTo(new TaskRow(4, 4, 100, "completed", true));
    }

    @Test
    void aTaskWhoseStatusAloneDriftedIsRepaired() {
        UUID task = db.createTask(userId, "status-drift");
        db.insertSubtasks(task, 2);
        db.move(task, "pending", "completed", 2);
        db.jdbc
                .sql("UPDATE tasks SET status = 'processing', completed_at = NULL WHERE id = ?")
                .param(task)
                .update();

        assertThat(db.driftedTasks()).contains(task);
        db.jdbc.sql("SELECT * FROM fix_task_progress_inconsistencies()").query().listOfRows();
        assertThat(db.task(task)).isEqualTo(new TaskRow(2, 2, 100, "completed", true));
    }

    @Test
    void queueCounterDriftIsFoundAndRepaired() {
        UUID task = db.createTask(userId, "queue-drift");
        db.insertSubtasks(task, 3);
        int queue = db.jdbc
                .sql("SELECT id FROM task_queues WHERE name = 'lumina_tasks'")
                .query(Integer.class)
                .single();
        db.jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, status)
                SELECT ?, task_id, id, 'processing' FROM subtasks WHERE task_id = ?
                """).params(queue, task).update();
        db.jdbc
                .sql("UPDATE task_queues SET current_concurrent_tasks = 1 WHERE id = ?")
                .param(queue)
                .update();

        Map<String, Object> found = db.jdbc
                .sql("SELECT * FROM check_queue_concurrency_consistency()")
                .query()
                .singleRow();
        assertThat(found)
                .containsEntry("queue_id", queue)
                .containsEntry("current_concurrent_tasks", 1)
                .containsEntry("expected_concurrent_tasks", 3);

        assertThat(db.jdbc
                        .sql("SELECT queue_id FROM fix_queue_concurrency_inconsistencies()")
                        .query(Integer.class)
                        .list())
                .containsExactly(queue);
        assertThat(db.driftedQueues()).isEmpty();
        assertThat(db.jdbc
                        .sql("SELECT current_concurrent_tasks FROM task_queues WHERE id = ?")
                        .param(queue)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void cleanupRemovesOnlyAuditRowsOlderThanTheRetention() {
        db.jdbc.sql("""
                INSERT INTO trigger_logs (trigger_name, operation, table_name, created_at)
                VALUES ('old', 'FIX', 'tasks', now() - interval '40 days'),
                       ('recent', 'FIX', 'tasks', now() - interval '10 days')
                """).update();

        assertThat(db.jdbc
                        .sql("SELECT cleanup_trigger_logs()")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(db.jdbc
                        .sql("SELECT trigger_name FROM trigger_logs WHERE trigger_name IN ('old', 'recent')")
                        .query(String.class)
                        .list())
                .containsExactly("recent");
        assertThat(db.jdbc
                        .sql("SELECT cleanup_trigger_logs(interval '1 day')")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(1);
    }
}
