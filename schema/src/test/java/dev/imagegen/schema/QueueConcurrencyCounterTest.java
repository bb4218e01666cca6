package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class QueueConcurrencyCounterTest {

    static SchemaDatabase db;
    static UUID task;
    int queue;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("queue_counter");
        task = db.createTask(db.createUser("queue-user"), "queued");
        db.insertSubtasks(task, 20);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void newQueueWithTenAttempts() {
        queue = db.jdbc
                .sql("INSERT INTO task_queues (name, max_concurrent_tasks) VALUES (?, 4) RETURNING id")
                .param("q_" + UUID.randomUUID().toString().substring(0, 8))
                .query(Integer.class)
                .single();
        db.jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id)
                SELECT ?, task_id, id FROM subtasks WHERE task_id = ? ORDER BY id LIMIT 10
                """).params(queue, task).update();
    }

    int current() {
        return db.jdbc
                .sql("SELECT current_concurrent_tasks FROM task_queues WHERE id = ?")
                .param(queue)
                .query(Integer.class)
                .single();
    }

    int move(String from, String to, int count) {
        return db.jdbc.sql("""
                UPDATE queue_tasks SET status = ? WHERE id IN (
                    SELECT id FROM queue_tasks WHERE queue_id = ? AND status = ? ORDER BY id LIMIT ?)
                """).params(to, queue, from, count).update();
    }

    @Test
    void counterFollowsTransitionsIntoAndOutOfProcessing() {
        move("pending", "processing", 3);
        assertThat(current()).isEqualTo(3);
        move("processing", "completed", 1);
        move("processing", "failed", 1);
        assertThat(current()).isEqualTo(1);
        db.jdbc
                .sql("UPDATE queue_tasks SET worker_id = 'w1' WHERE queue_id = ?")
                .param(queue)
                .update();
        assertThat(current()).isEqualTo(1);
        db.jdbc
                .sql("DELETE FROM queue_tasks WHERE queue_id = ? AND status = 'processing'")
                .param(queue)
                .update();
        assertThat(current()).isZero();
        assertThat(db.driftedQueues()).doesNotContain(queue);
    }

    @Test
    void aStatementThatWouldPassTheLimitIsRefusedWhole() {
        move("pending", "processing", 3);
        assertThatThrownBy(() -> move("pending", "processing", 2))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("is full");
        assertThat(current()).isEqualTo(3);
        assertThat(move("pending", "processing", 1)).isEqualTo(1);
        assertThat(current()).isEqualTo(4);
    }

    @Test
    void theCounterNeverGoesBelowZeroAndEachGuardHitIsAudited() {
        move("pending", "processing", 2);
        db.jdbc
                .sql("UPDATE task_queues SET current_concurrent_tasks = 0 WHERE id = ?")
                .param(queue)
                .update();

        move("processing", "completed", 2);

        assertThat(current()).isZero();
        assertThat(db.jdbc
                        .sql("""
                        SELECT count(*) FROM trigger_logs
                         WHERE table_name = 'task_queues' AND record_id = ? AND error_message LIKE '%below zero%'
                        """)
                        .param(String.valueOf(queue))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
