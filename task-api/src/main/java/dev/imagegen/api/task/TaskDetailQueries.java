package dev.imagegen.api.task;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One task (from task_details), its subtasks (in expansion order, keyset-paged), one subtask, its logs. */
@Component
class TaskDetailQueries {

    private static final String SELECT_TASK = """
            SELECT (to_jsonb(d) || jsonb_build_object(
                        'queue', q.name, 'prompts', t.prompts, 'ratio', t.ratio, 'seed', t.seed,
                        'batch_size', t.batch_size, 'polish', t.polish, 'variables', t.variables,
                        'visibility', t.visibility))::text
              FROM task_details d
              JOIN tasks t ON t.id = d.id
              LEFT JOIN task_queues q ON q.id = t.queue_id
             WHERE d.id = :id
            """;

    // Subtasks page in expansion order: jsonb objects with the same keys compare value by value in
    // key order (v0 first), so ORDER BY variable_indices is the cartesian product's order.
    private static final String SELECT_SUBTASKS = """
            SELECT coalesce(jsonb_agg(to_jsonb(d) ORDER BY d.variable_indices, d.id), '[]'::jsonb)::text
              FROM (SELECT s.id, s.status, s.variable_indices, s.prompts, s.ratio, s.seed, s.use_polish,
                           s.batch_size, s.retry_count, s.error, s.result, s.rating, s.evaluation,
                           s.created_at, s.started_at, s.completed_at, s.updated_at
                      FROM subtasks s
                     WHERE s.task_id = :task %s
                     ORDER BY s.variable_indices, s.id
                     LIMIT :limit) d
            """;

    private static final String WITH_STATUS = "AND s.status = CAST(:status AS subtask_status)";
    private static final String WITH_RATING = "AND s.rating = CAST(:rating AS quality_rating)";
    private static final String AFTER_CURSOR = """
            AND (s.variable_indices, s.id) > (SELECT a.variable_indices, a.id FROM subtasks a
                                               WHERE a.task_id = :task AND a.id = :after)""";

    private static final String SELECT_SUBTASK = """
            SELECT (to_jsonb(s) - 'user_id' || jsonb_build_object('attempts', coalesce((
                        SELECT jsonb_agg(jsonb_build_object(
                                   'id', qt.id, 'queue', q.name, 'status', qt.status, 'attempt', qt.attempt,
                                   'enqueued_at', qt.enqueued_at, 'started_at', qt.started_at,
                                   'completed_at', qt.completed_at, 'worker_id', qt.worker_id, 'error', qt.error)
                                   ORDER BY qt.id)
                          FROM queue_tasks qt JOIN task_queues q ON q.id = qt.queue_id
                         WHERE qt.task_id = s.task_id AND qt.subtask_id = s.id), '[]'::jsonb)))::text
              FROM subtask_details s
             WHERE s.task_id = :task AND s.id = :id
            """;

    private static final String SELECT_LOGS = """
            SELECT coalesce(jsonb_agg(to_jsonb(d) ORDER BY d.created_at, d.id), '[]'::jsonb)::text
              FROM (SELECT l.id, l.subtask_id, l.log_level, l.message, l.details, l.created_at
                      FROM task_logs l
                     WHERE l.task_id = :task %s
                     ORDER BY l.created_at, l.id
                     LIMIT :limit) d
            """;

    private static final String LOGS_AFTER_CURSOR = """
            AND (l.created_at, l.id) > (SELECT a.created_at, a.id FROM task_logs a
                                         WHERE a.task_id = :task AND a.id = :after)""";

    private final JdbcClient jdbc;

    TaskDetailQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String task(UUID id) {
        return jdbc.sql(SELECT_TASK).param("id", id).query(String.class).single();
    }

    String subtasks(UUID task, String status, String rating, UUID after, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("task", task, "limit", limit));
        StringBuilder conditions = new StringBuilder();
        if (status != null) {
            conditions.append(WITH_STATUS);
            params.put("status", status);
        }
        if (rating != null) {
            conditions.append(' ').append(WITH_RATING);
            params.put("rating", rating);
        }
        if (after != null) {
            conditions.append(' ').append(AFTER_CURSOR);
            params.put("after", after);
        }
        return jdbc.sql(SELECT_SUBTASKS.formatted(conditions))
                .params(params)
                .query(String.class)
                .single();
    }

    java.util.Optional<String> subtask(UUID task, UUID id) {
        return jdbc.sql(SELECT_SUBTASK)
                .param("task", task)
                .param("id", id)
                .query(String.class)
                .optional();
    }

    String logs(UUID task, Long after, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("task", task, "limit", limit));
        if (after != null) {
            params.put("after", after);
        }
        return jdbc.sql(SELECT_LOGS.formatted(after == null ? "" : LOGS_AFTER_CURSOR))
                .params(params)
                .query(String.class)
                .single();
    }
}
