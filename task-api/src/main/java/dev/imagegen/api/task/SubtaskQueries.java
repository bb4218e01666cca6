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

    // Subtasks page in expansion order. A subtask's seq is its place in it (V160), read from
    // subtasks_task_seq_idx a page at a time; subtasks written before seq existed have none and
    // order by variable_indices instead (jsonb objects with the same keys compare value by value in
    // key order, v0 first: the same order), from the partial index that holds only them (V169). A
    // task's subtasks all have a seq or none; the outer ORDER BY keeps the order exact either way.
    private static final String SELECT_SUBTASKS = """
            SELECT * FROM (
              (SELECT %1$s, s.seq AS page_seq, s.variable_indices AS page_indices, s.id AS page_id
                 FROM subtasks s
                WHERE s.task_id = :task AND s.seq IS NOT NULL%2$s%3$s
                ORDER BY s.seq
                LIMIT :limit)
              UNION ALL
              (SELECT %1$s, s.seq AS page_seq, s.variable_indices AS page_indices, s.id AS page_id
                 FROM subtasks s
                WHERE s.task_id = :task AND s.seq IS NULL%2$s%4$s
                ORDER BY s.variable_indices, s.id
                LIMIT :limit)) page
             ORDER BY page.page_seq NULLS LAST, page.page_indices, page.page_id
             LIMIT :limit
            """;

    // After the cursor's subtask: a later seq, or a later place among the subtasks without one.
    private static final String AFTER_SEQ =
            " AND s.seq > (SELECT a.seq FROM subtasks a WHERE a.task_id = :task AND a.id = :after)";

    private static final String AFTER_INDICES = " AND (s.variable_indices, s.id) > (SELECT a.variable_indices, a.id"
            + " FROM subtasks a WHERE a.task_id = :task AND a.id = :after AND a.seq IS NULL)";

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
        Map<String, Object> params = new HashMap<>();
        String sql = pageQuery(task, filter, after, limit, params);
        return jdbc.sql(sql).params(params).query(this::subtask).list();
    }

    /** The SQL of one page of subtasks, its parameters put into {@code params}. */
    static String pageQuery(UUID task, SubtaskFilter filter, UUID after, int limit, Map<String, Object> params) {
        params.put("task", task);
        params.put("limit", limit);
        if (after != null) {
            params.put("after", after);
        }
        return SELECT_SUBTASKS.formatted(
                SUBTASK_COLUMNS,
                filter.conditions(params),
                after == null ? "" : AFTER_SEQ,
                after == null ? "" : AFTER_INDICES);
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
