package dev.imagegen.api.support;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a generator worker does to the database, for tests of task-api without a worker. */
public final class WorkerSteps {

    private WorkerSteps() {}

    /** Claims the subtask's pending attempt for worker w1, as claim_queue_task would; answers the attempt's id. */
    public static long claim(JdbcClient jdbc, UUID task, UUID subtask) {
        long attempt = jdbc.sql("""
                        UPDATE queue_tasks SET status = 'processing', worker_id = 'w1', started_at = now(),
                                               lease_until = now() + interval '1 minute'
                         WHERE task_id = :task AND subtask_id = :subtask AND status = 'pending'
                        RETURNING id
                        """)
                .param("task", task)
                .param("subtask", subtask)
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE subtasks SET status = 'processing', started_at = now() WHERE task_id = :task AND id = :id")
                .param("task", task)
                .param("id", subtask)
                .update();
        return attempt;
    }
}
