package dev.imagegen.schema;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The calls workers, the sweeper and the task API make on queue_tasks, as they make them. */
final class WorkerCalls {

    private static final String SETTLE = """
            SELECT outcome FROM settle_queue_tasks(:worker, INTERVAL '1 minute', CAST(:done AS bigint[]),
                   ARRAY(SELECT qt.attempt FROM unnest(CAST(:done AS bigint[])) WITH ORDINALITY AS d (id, ord)
                           JOIN queue_tasks qt ON qt.id = d.id ORDER BY d.ord),
                   array_fill('{"images": [], "model": "noop"}'::jsonb, ARRAY[cardinality(CAST(:done AS bigint[]))]),
                   CAST(:claim AS bigint[]))
            """;

    private final JdbcClient jdbc;

    WorkerCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One attempt per subtask of the task, in one statement, as the task API writes them. */
    List<Long> enqueue(int queue, UUID task) {
        return jdbc.sql("""
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority)
                SELECT ?, task_id, id, 1 FROM subtasks WHERE task_id = ? ORDER BY id
                RETURNING id
                """).params(queue, task).query(Long.class).list();
    }

    /** Completes {@code done} and claims {@code claim} in one call; answers the outcomes. */
    List<String> settle(String worker, List<Long> done, List<Long> claim) {
        return jdbc.sql(SETTLE)
                .param("worker", worker)
                .param("done", array(done))
                .param("claim", array(claim))
                .query(String.class)
                .list();
    }

    String claimOne(long id, String worker) {
        return jdbc.sql("SELECT claim_queue_task(?, ?, INTERVAL '1 minute')::text")
                .params(id, worker)
                .query(String.class)
                .single();
    }

    String completeOne(long id, String worker) {
        return jdbc.sql("SELECT complete_queue_task(?, ?, (SELECT attempt FROM queue_tasks WHERE id = ?),"
                        + " '{\"images\": []}'::jsonb)::text")
                .params(id, worker, id)
                .query(String.class)
                .single();
    }

    String renew(long id, String worker) {
        return jdbc.sql("SELECT renew_lease(?, ?, (SELECT attempt FROM queue_tasks WHERE id = ?), INTERVAL '1 minute')")
                .params(id, worker, id)
                .query(String.class)
                .single();
    }

    String fail(long id, String worker, boolean retryable) {
        return jdbc.sql("SELECT fail_queue_task(?, ?, (SELECT attempt FROM queue_tasks WHERE id = ?), 'boom', ?, true)")
                .params(id, worker, id, retryable)
                .query(String.class)
                .single();
    }

    /** The sweeper: due retries become new attempts. */
    void sweep() {
        jdbc.sql("SELECT * FROM sweep_queue_tasks(INTERVAL '1 hour')").query().listOfRows();
    }

    /** The task API's cancel of a task's waiting attempts. */
    int cancelPending(UUID task) {
        return jdbc.sql("UPDATE queue_tasks SET status = 'cancelled', completed_at = now()"
                        + " WHERE task_id = ? AND status = 'pending'")
                .param(task)
                .update();
    }

    /** The task API's retry of a task's failed subtasks: a new attempt after the last one. */
    int retryFailed(UUID task) {
        return jdbc.sql("""
                WITH retried AS (
                    UPDATE subtasks SET status = 'pending', error = NULL, result = NULL, started_at = NULL,
                                        completed_at = NULL
                     WHERE task_id = ? AND status = 'failed'
                 RETURNING task_id, id)
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority, attempt)
                SELECT last.queue_id, r.task_id, r.id, 1, coalesce(last.attempt, 0) + 1
                  FROM retried r
                  LEFT JOIN LATERAL (SELECT q.queue_id, q.attempt FROM queue_tasks q
                                      WHERE q.task_id = r.task_id AND q.subtask_id = r.id
                                      ORDER BY q.attempt DESC, q.id DESC LIMIT 1) last ON true
                """).param(task).update();
    }

    static String array(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
