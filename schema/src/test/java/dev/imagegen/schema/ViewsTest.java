package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ViewsTest {

    static SchemaDatabase db;
    static UUID task;

    @BeforeAll
    static void migrateAndFill() {
        db = SchemaDatabase.migrated("views");
        int user = db.createUser("viewer");
        db.jdbc
                .sql("UPDATE users SET display_name = '观察者' WHERE id = ?")
                .param(user)
                .update();
        task = db.createTask(user, "viewed");
        db.insertSubtasks(task, 5);
        db.move(task, "pending", "completed", 3);
        db.move(task, "pending", "failed", 1);
        db.jdbc.sql("""
                UPDATE subtasks SET rating = CASE WHEN id = (SELECT min(id::text)::uuid FROM subtasks WHERE task_id = ? AND status = 'completed')
                                                  THEN 'poor' ELSE 'good' END::quality_rating
                 WHERE task_id = ? AND status = 'completed'
                """).params(task, task).update();
        db.jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, status, started_at, completed_at)
                SELECT 1, task_id, id,
                       CASE status WHEN 'completed' THEN 'completed' WHEN 'failed' THEN 'failed' ELSE 'pending' END,
                       now() - interval '4 seconds', CASE WHEN status IN ('completed', 'failed') THEN now() END
                  FROM subtasks WHERE task_id = ?
                """).param(task).update();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void taskDetailsCarryCountsByStatusAndRating() {
        Map<String, Object> details = db.jdbc
                .sql("SELECT * FROM task_details WHERE id = ?")
                .param(task)
                .query()
                .singleRow();
        assertThat(details)
                .containsEntry("display_name", "观察者")
                .containsEntry("subtask_count", 5)
                .containsEntry("completed_subtasks", 3)
                .containsEntry("failed_subtasks", 1)
                .containsEntry("good_quality_images", 2)
                .containsEntry("poor_quality_images", 1)
                .containsEntry("progress", 80);
    }

    @Test
    void deletedTasksLeaveTaskDetails() {
        UUID gone = db.createTask(db.createUser("deleter"), "gone");
        db.jdbc
                .sql("UPDATE tasks SET is_deleted = true WHERE id = ?")
                .param(gone)
                .update();
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM task_details WHERE id = ?")
                        .param(gone)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void subtaskDetailsNameTheTaskAndOwner() {
        assertThat(db.jdbc
                        .sql("SELECT DISTINCT task_name || '/' || username FROM subtask_details WHERE task_id = ?")
                        .param(task)
                        .query(String.class)
                        .single())
                .isEqualTo("viewed/viewer");
    }

    @Test
    void queueStatusCountsAttemptsAndAveragesTheirTime() {
        Map<String, Object> standard =
                db.jdbc.sql("SELECT * FROM queue_status WHERE id = 1").query().singleRow();
        assertThat(standard)
                .containsEntry("name", "standard_tasks")
                .containsEntry("total_tasks", 5L)
                .containsEntry("pending_tasks", 1L)
                .containsEntry("completed_tasks", 3L)
                .containsEntry("failed_tasks", 1L);
        assertThat(((Number) standard.get("avg_processing_time_seconds")).doubleValue())
                .isBetween(3.0, 6.0);
    }
}
