package dev.imagegen.bench;

/** The bench's SQL against the system's database, as named statements with bind parameters. */
final class BenchSql {

    static final String LAST_ATTEMPT = "SELECT coalesce(max(id), 0) FROM queue_tasks";

    static final String QUEUE_ID = "SELECT id FROM task_queues WHERE name = ?";

    static final String SET_LIMIT = "UPDATE task_queues SET max_concurrent_tasks = ? WHERE id = ?";

    static final String SET_ADMISSION_WINDOW = "UPDATE task_queues SET admission_window = ? WHERE id = ?";

    static final String ADAPTIVE_ADMISSION_WINDOW = "UPDATE task_queues SET admission_window = NULL WHERE id = ?";

    static final String COMPLETED_IN_TASKS =
            "SELECT coalesce(sum(completed_subtasks), 0) FROM tasks WHERE id = ANY (string_to_array(?, ',')::uuid[])";
    static final String COMPLETED_AFTER = "SELECT count(*) FROM queue_tasks WHERE id > ? AND status = 'completed'";

    static final String NOT_COMPLETED_AFTER = """
            SELECT string_agg(id || ' ' || status, ', ' ORDER BY id) FROM queue_tasks
             WHERE id > ? AND status <> 'completed'
            """;

    /** [completed, first insert -> last completion s, first claim -> last completion s]. */
    static final String SPAN_AFTER = """
            SELECT count(*)::float8,
                   extract(epoch FROM max(completed_at) - min(enqueued_at))::float8,
                   extract(epoch FROM max(completed_at) - min(started_at))::float8
              FROM queue_tasks WHERE id > ? AND status = 'completed'
            """;

    static final String A_RESULT_AFTER = """
            SELECT s.result::text FROM subtasks s JOIN queue_tasks q ON q.task_id = s.task_id AND q.subtask_id = s.id
             WHERE q.id > ? AND q.status = 'completed' LIMIT 1
            """;

    /** Each completed attempt's insert and claim times (µs since the epoch). */
    static final String CLAIM_TIMES_AFTER = """
            SELECT id, task_id,
                   (extract(epoch FROM enqueued_at) * 1000000)::bigint,
                   (extract(epoch FROM started_at) * 1000000)::bigint
              FROM queue_tasks WHERE id > ? AND status = 'completed'
            """;

    /** Each completed attempt's start and end (µs since the epoch) in one queue. */
    static final String RUN_TIMES_AFTER = """
            SELECT (extract(epoch FROM started_at) * 1000000)::bigint,
                   (extract(epoch FROM completed_at) * 1000000)::bigint
              FROM queue_tasks WHERE id > ? AND queue_id = ? AND status = 'completed'
            """;

    static final String PENDING_BETWEEN = """
            SELECT count(*) FROM queue_tasks WHERE id BETWEEN ? AND ? AND status = 'pending' AND queue_id = ?
            """;

    /** One task of {@code ?} subtasks in the queue {@code ?}, one pending attempt each, in subtask order. */
    static final String SEED_ATTEMPTS = """
            WITH t AS (
                INSERT INTO tasks (name, user_id, queue_id, prompts)
                SELECT 'pgbench-seed', id, ?, '[{"type": "prompt", "value": "seed", "weight": 1.0}]'
                  FROM users WHERE username = 'user1'
                RETURNING id
            ), s AS (
                INSERT INTO subtasks (task_id, variable_indices, seed)
                SELECT t.id, jsonb_build_object('v0', g), g FROM t, generate_series(1, ?) AS g
                RETURNING task_id, id, seed
            )
            INSERT INTO queue_tasks (queue_id, task_id, subtask_id, priority)
            SELECT ?, s.task_id, s.id, 1 FROM s ORDER BY s.seed
            """;

    static final String COMPLETED_BY_PGBENCH_BETWEEN = """
            SELECT count(*) FROM queue_tasks
             WHERE id BETWEEN ? AND ? AND status = 'completed' AND worker_id LIKE 'pgbench-%'
            """;

    static final String SERVER = """
            SELECT current_setting('server_version') || ' (fsync ' || current_setting('fsync')
                   || ', synchronous_commit ' || current_setting('synchronous_commit') || ')'
            """;

    private BenchSql() {}
}
