package dev.imagegen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** V107: a failure's retry-after puts the next attempt no sooner than asked, still fenced. */
class RetryAfterTest {

    static SchemaDatabase db;
    static int queue;

    @BeforeAll
    static void migrate() {
        db = SchemaDatabase.migrated("retry_after");
        queue = db.jdbc.sql("""
                INSERT INTO task_queues (name, max_concurrent_tasks, retry_backoff, retry_backoff_max)
                VALUES ('retry_after', 10, INTERVAL '200 milliseconds', INTERVAL '10 seconds') RETURNING id
                """).query(Integer.class).single();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** A running attempt of a fresh subtask, claimed by worker w. */
    long claimed() {
        UUID task =
                db.createTask(db.createUser("u_" + UUID.randomUUID().toString().substring(0, 8)), "t");
        db.insertSubtasks(task, 1);
        long id = db.jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id)
                SELECT ?, task_id, id FROM subtasks WHERE task_id = ? RETURNING id
                """).params(queue, task).query(Long.class).single();
        assertThat(db.jdbc
                        .sql("SELECT claim_queue_task(?, 'w', INTERVAL '1 minute')")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("claimed");
        return id;
    }

    String fail(long id, String worker, String arguments) {
        return db.jdbc
                .sql("SELECT fail_queue_task(?, ?, 1, 'HTTP 429 rate limited', true" + arguments + ")")
                .params(id, worker)
                .query(String.class)
                .single();
    }

    /** Milliseconds from the failure to the next attempt's due time. */
    double waitMillis(long id) {
        return db.jdbc.sql("""
                SELECT extract(epoch FROM r.due_at - qt.completed_at) * 1000
                  FROM queue_tasks qt JOIN subtask_retries r ON r.task_id = qt.task_id AND r.subtask_id = qt.subtask_id
                 WHERE qt.id = ?
                """).param(id).query(Double.class).single();
    }

    @Test
    void aRetryAfterLongerThanTheBackOffDelaysTheNextAttempt() {
        long id = claimed();

        assertThat(fail(id, "w", ", false, INTERVAL '5 seconds'")).isEqualTo("retry_scheduled");

        assertThat(waitMillis(id)).isBetween(5000.0, 6000.0);
        assertThat(db.jdbc.sql("""
                        SELECT details->>'retry_after_ms' FROM task_logs
                         WHERE message = 'retried' AND (details->>'queue_task_id')::bigint = ?
                        """).param(id).query(String.class).single()).isEqualTo("5000");
    }

    @Test
    void aRetryAfterAlsoHoldsBackARetryThatWouldGoAtOnce() {
        long id = claimed();

        assertThat(fail(id, "w", ", true, INTERVAL '3 seconds'")).isEqualTo("retry_scheduled");

        assertThat(waitMillis(id)).isBetween(3000.0, 4000.0);
    }

    @Test
    void withoutARetryAfterOrWithAShorterOneTheQueuesBackOffHolds() {
        long fiveArguments = claimed();
        long sixArguments = claimed();
        long shorter = claimed();

        assertThat(fail(fiveArguments, "w", "")).isEqualTo("retry_scheduled");
        assertThat(fail(sixArguments, "w", ", false, NULL")).isEqualTo("retry_scheduled");
        assertThat(fail(shorter, "w", ", false, INTERVAL '10 milliseconds'")).isEqualTo("retry_scheduled");

        assertThat(waitMillis(fiveArguments)).isBetween(200.0, 1000.0);
        assertThat(waitMillis(sixArguments)).isBetween(200.0, 1000.0);
        assertThat(waitMillis(shorter)).isBetween(200.0, 1000.0);
    }

    @Test
    void anotherWorkersFailureWithARetryAfterIsLostAndChangesNothing() {
        long id = claimed();

        assertThat(fail(id, "intruder", ", false, INTERVAL '5 seconds'")).isEqualTo("lost");

        assertThat(db.jdbc
                        .sql("SELECT status || ' ' || (completed_at IS NULL) FROM queue_tasks WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("processing true");
        assertThat(db.jdbc
                        .sql("SELECT count(*) FROM subtask_retries r JOIN queue_tasks qt"
                                + " ON r.subtask_id = qt.subtask_id WHERE qt.id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
