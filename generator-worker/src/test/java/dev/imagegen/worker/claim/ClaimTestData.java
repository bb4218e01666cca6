package dev.imagegen.worker.claim;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Queues and attempts for the claim protocol tests, written straight to the database. */
public final class ClaimTestData {

    private ClaimTestData() {}

    public static int queue(JdbcClient jdbc, int max) {
        return jdbc.sql("INSERT INTO task_queues (name, max_concurrent_tasks) VALUES (?, ?) RETURNING id")
                .params("q_" + UUID.randomUUID().toString().substring(0, 8), max)
                .query(Integer.class)
                .single();
    }

    /** Another subtask of the task of attempt {@code of}, with a pending attempt in the same queue. */
    public static long sameTask(JdbcClient jdbc, long of) {
        UUID task = jdbc.sql("SELECT task_id FROM queue_tasks WHERE id = ?")
                .param(of)
                .query(UUID.class)
                .single();
        UUID subtask = jdbc.sql("INSERT INTO subtasks (task_id) VALUES (?) RETURNING id")
                .param(task)
                .query(UUID.class)
                .single();
        return jdbc.sql("INSERT INTO queue_tasks (queue_id, task_id, subtask_id)"
                        + " SELECT queue_id, task_id, ? FROM queue_tasks WHERE id = ? RETURNING id")
                .params(subtask, of)
                .query(Long.class)
                .single();
    }

    /** A task with one subtask and one pending attempt in the queue, due at {@code notBefore} (SQL, or null). */
    public static long attempt(JdbcClient jdbc, int queue, String notBefore) {
        int user = jdbc.sql("INSERT INTO users (username, hashed_password) VALUES (?, 'x') RETURNING id")
                .param("u_" + UUID.randomUUID().toString().substring(0, 8))
                .query(Integer.class)
                .single();
        UUID task = jdbc.sql("INSERT INTO tasks (name, user_id) VALUES ('t', ?) RETURNING id")
                .param(user)
                .query(UUID.class)
                .single();
        UUID subtask = jdbc.sql("INSERT INTO subtasks (task_id) VALUES (?) RETURNING id")
                .param(task)
                .query(UUID.class)
                .single();
        return jdbc.sql("INSERT INTO queue_tasks (queue_id, task_id, subtask_id, not_before) VALUES (?, ?, ?, "
                        + (notBefore == null ? "NULL" : notBefore) + ") RETURNING id")
                .params(queue, task, subtask)
                .query(Long.class)
                .single();
    }
}
