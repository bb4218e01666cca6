package dev.imagegen.api.task;

import static dev.imagegen.api.task.JsonColumns.nullableLong;
import static dev.imagegen.api.task.JsonColumns.time;
import static dev.imagegen.api.task.JsonColumns.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A task's subtasks (in expansion order, keyset-paged) and one subtask with its dispatch attempts. */
@Component
class SubtaskQueries {

    private static final String SUBTASK_COLUMNS = """
            s.id, s.status::text AS status, s.variable_indices::text AS variable_indices, s.prompts::text AS prompts,
            s.ratio, s.seed, s.use_polish, s.batch_size, s.retry_count, s.error, s.result::text AS result,
            s.rating::text AS rating, s.evaluation, s.created_at, s.started_at, s.completed_at, s.updated_at""";

    // Subtasks page in expansion order: jsonb objects with the same keys compare value by value in
    // key order (v0 first), so ORDER BY variable_indices is the cartesian product's order.
    private static final String SELECT_SUBTASKS = "SELECT " + SUBTASK_COLUMNS + """

              FROM subtasks s
             WHERE s.task_id = :task%s
             ORDER BY s.variable_indices, s.id
             LIMIT :limit
            """;

    private static final String AFTER_CURSOR = """
            AND (s.variable_indices, s.id) > (SELECT a.variable_indices, a.id FROM subtasks a
                                               WHERE a.task_id = :task AND a.id = :after)""";

    private static final String SELECT_VARIABLES = "SELECT variables::text AS variables FROM tasks WHERE id = :task";

    private static final String SELECT_SUBTASK = "SELECT s.task_id, s.task_name, s.username, " + SUBTASK_COLUMNS + """

              FROM subtask_details s
             WHERE s.task_id = :task AND s.id = :id
            """;

    private static final String SELECT_ATTEMPTS = """
            SELECT qt.id, q.name AS queue, qt.status, qt.attempt, qt.enqueued_at, qt.started_at, qt.completed_at,
                   qt.worker_id, qt.error
              FROM queue_tasks qt JOIN task_queues q ON q.id = qt.queue_id
             WHERE qt.task_id = :task AND qt.subtask_id = :id
             ORDER BY qt.id
            """;

    private final JdbcClient jdbc;
    private final JsonColumns json;

    SubtaskQueries(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Subtask> subtasks(UUID task, SubtaskFilter filter, UUID after, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("task", task, "limit", limit));
        StringBuilder conditions = new StringBuilder(filter.conditions(params));
        if (after != null) {
            conditions.append(' ').append(AFTER_CURSOR);
            params.put("after", after);
        }
        return jdbc.sql(SELECT_SUBTASKS.formatted(conditions))
                .params(params)
                .query(this::subtask)
                .list();
    }

    /** The task's variables by key (v0..v5), as submitted. */
    Map<String, TaskVariable> variables(UUID task) {
        return jdbc.sql(SELECT_VARIABLES)
                .param("task", task)
                .query((rs, n) -> json.variables(rs, "variables"))
                .optional()
                .orElse(Map.of());
    }

    Optional<SubtaskDetail> subtask(UUID task, UUID id) {
        return jdbc.sql(SELECT_SUBTASK)
                .param("task", task)
                .param("id", id)
                .query((rs, n) -> new SubtaskRow(subtask(rs, n), rs.getString("task_name"), rs.getString("username")))
                .optional()
                .map(row -> row.withAttempts(task, attempts(task, id)));
    }

    private Subtask subtask(ResultSet rs, int row) throws SQLException {
        return new Subtask(
                uuid(rs, "id"),
                rs.getString("status"),
                json.indices(rs, "variable_indices"),
                json.tags(rs, "prompts"),
                rs.getString("ratio"),
                nullableLong(rs, "seed"),
                rs.getBoolean("use_polish"),
                rs.getInt("batch_size"),
                rs.getInt("retry_count"),
                rs.getString("error"),
                json.read(rs, "result", SubtaskResult.class),
                rs.getString("rating"),
                rs.getString("evaluation"),
                time(rs, "created_at"),
                time(rs, "started_at"),
                time(rs, "completed_at"),
                time(rs, "updated_at"));
    }

    private List<SubtaskDetail.Attempt> attempts(UUID task, UUID subtask) {
        return jdbc.sql(SELECT_ATTEMPTS)
                .param("task", task)
                .param("id", subtask)
                .query((a, n) -> new SubtaskDetail.Attempt(
                        a.getLong("id"),
                        a.getString("queue"),
                        a.getString("status"),
                        a.getInt("attempt"),
                        time(a, "enqueued_at"),
                        time(a, "started_at"),
                        time(a, "completed_at"),
                        a.getString("worker_id"),
                        a.getString("error")))
                .list();
    }

    /** A subtask as read, before its attempts are. */
    private record SubtaskRow(Subtask s, String taskName, String username) {

        SubtaskDetail withAttempts(UUID task, List<SubtaskDetail.Attempt> attempts) {
            return new SubtaskDetail(
                    s.id(),
                    task,
                    taskName,
                    username,
                    s.status(),
                    s.variableIndices(),
                    s.prompts(),
                    s.ratio(),
                    s.seed(),
                    s.usePolish(),
                    s.batchSize(),
                    s.retryCount(),
                    s.error(),
                    s.result(),
                    s.rating(),
                    s.evaluation(),
                    s.createdAt(),
                    s.startedAt(),
                    s.completedAt(),
                    s.updatedAt(),
                    attempts);
        }
    }
}
