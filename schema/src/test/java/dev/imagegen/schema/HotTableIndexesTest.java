package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** V075: status changes of subtasks write no index (HOT updates), and the hot tables carry only the indexes their queries use. */
class HotTableIndexesTest {

    static SchemaDatabase db;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("hot_indexes");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void claimingAndCompletingSubtasksAreHotUpdates() {
        UUID task = db.createTask(db.createUser("hot"), "hot");
        db.insertSubtasks(task, 200);
        long before = hotUpdates();

        // As the workers write them: a few subtasks per committed statement, claimed, then completed.
        for (int batch = 0; batch < 20; batch++) {
            db.move(task, "pending", "processing", 10);
        }
        for (int batch = 0; batch < 20; batch++) {
            db.jdbc.sql("""
                    UPDATE subtasks SET status = 'completed', completed_at = now(),
                                        result = '{"url": "/images/x.png", "images": [{"url": "/images/x.png"}]}'
                     WHERE task_id = ? AND id IN (SELECT id FROM subtasks WHERE task_id = ? AND status = 'processing'
                                                   ORDER BY id LIMIT 10)
                    """).params(task, task).update();
        }

        // 400 row updates; with 20 % of each page free most stay on their page. Statistics reach
        // the shared counters within about a second.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(hotUpdates() - before).isGreaterThan(300));
        assertThat(db.jdbc
                        .sql("SELECT status::text || ' ' || completed_subtasks FROM tasks WHERE id = ?")
                        .param(task)
                        .query(String.class)
                        .single())
                .isEqualTo("completed 200");
    }

    @Test
    void theHotTablesCarryOnlyTheIndexesTheirQueriesUse() {
        assertThat(db.jdbc.sql("""
                        SELECT indexname FROM pg_indexes WHERE tablename IN ('subtasks', 'queue_tasks')
                         ORDER BY indexname
                        """).query(String.class).list())
                .containsExactly(
                        "queue_tasks_lease_until_idx",
                        "queue_tasks_one_running_attempt_idx",
                        "queue_tasks_pkey",
                        "queue_tasks_queue_id_idx",
                        // A rate-limited queue's starts of the last minute (V160); a claim already
                        // changes indexed columns of its attempt (status), so it adds no HOT loss.
                        "queue_tasks_queue_started_idx",
                        "queue_tasks_subtask_id_idx",
                        // The gallery's search over evaluations (V105); evaluations do not change on
                        // claim or completion, so it keeps those updates HOT.
                        "subtasks_evaluation_trgm_idx",
                        "subtasks_pkey",
                        "subtasks_prompts_idx",
                        "subtasks_task_rating_idx",
                        // The backlog's cursor into a task's expansion order (V160), and the task page's
                        // pages in that order (V169); seq never changes, so status changes stay HOT.
                        "subtasks_task_seq_idx",
                        // Pages of subtasks written before seq existed (V169): it holds only those, so a
                        // new subtask writes no entry, and its columns never change.
                        "subtasks_task_unsequenced_idx");
        assertThat(db.jdbc
                        .sql("SELECT reloptions::text FROM pg_class WHERE relname = 'subtasks_p7'")
                        .query(String.class)
                        .single())
                .isEqualTo("{fillfactor=80}");
    }

    private static long hotUpdates() {
        return db.jdbc.sql("""
                        SELECT sum(pg_stat_get_tuples_hot_updated(c.oid))
                          FROM pg_class c WHERE c.relname LIKE 'subtasks_p%'
                        """).query(Long.class).single();
    }
}
