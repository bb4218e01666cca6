package dev.imagegen.api.task;

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

/**
 * One task (from task_details) and its logs. Every column
 * is named and mapped into the answer's record, so a column added to a view changes no answer.
 */
@Component
class TaskDetailQueries {

    private static final String SELECT_TASK = """
            SELECT d.id, d.name, d.user_id, d.username, d.display_name, d.status::text AS status, d.priority,
                   d.make_api_queue, q.name AS queue, t.visibility::text AS visibility, d.total_images,
                   d.processed_images, d.progress, d.subtask_count, d.completed_subtasks, d.failed_subtasks,
                   d.processing_subtasks, d.cancelled_subtasks, d.good_quality_images, d.poor_quality_images,
                   t.prompts::text AS prompts, t.ratio::text AS ratio, t.seed::text AS seed,
                   t.batch_size::text AS batch_size, t.polish::text AS polish, t.variables::text AS variables,
                   t.parameters::text AS parameters,
                   d.created_at, d.updated_at, d.completed_at
              FROM task_details d
              JOIN tasks t ON t.id = d.id
              LEFT JOIN task_queues q ON q.id = t.queue_id
             WHERE d.id = :id
            """;

    private static final String SELECT_LOGS = """
            SELECT l.id, l.subtask_id, l.log_level, l.message, l.details::text AS details, l.created_at
              FROM task_logs l
             WHERE l.task_id = :task %s
             ORDER BY l.created_at, l.id
             LIMIT :limit
            """;

    private static final String LOGS_AFTER_CURSOR = """
            AND (l.created_at, l.id) > (SELECT a.created_at, a.id FROM task_logs a
                                         WHERE a.task_id = :task AND a.id = :after)""";

    private final JdbcClient jdbc;
    private final JsonColumns json;

    TaskDetailQueries(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<TaskDetail> task(UUID id) {
        return jdbc.sql(SELECT_TASK).param("id", id).query(this::taskDetail).optional();
    }

    List<TaskLogEntry> logs(UUID task, Long after, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("task", task, "limit", limit));
        if (after != null) {
            params.put("after", after);
        }
        return jdbc.sql(SELECT_LOGS.formatted(after == null ? "" : LOGS_AFTER_CURSOR))
                .params(params)
                .query((rs, n) -> new TaskLogEntry(
                        rs.getLong("id"),
                        uuid(rs, "subtask_id"),
                        rs.getString("log_level"),
                        rs.getString("message"),
                        json.object(rs, "details"),
                        time(rs, "created_at")))
                .list();
    }

    private TaskDetail taskDetail(ResultSet rs, int row) throws SQLException {
        return new TaskDetail(
                uuid(rs, "id"),
                rs.getString("name"),
                rs.getInt("user_id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("status"),
                rs.getInt("priority"),
                rs.getString("make_api_queue"),
                rs.getString("queue"),
                rs.getString("visibility"),
                rs.getInt("total_images"),
                rs.getInt("processed_images"),
                rs.getInt("progress"),
                rs.getInt("subtask_count"),
                rs.getInt("completed_subtasks"),
                rs.getInt("failed_subtasks"),
                rs.getInt("processing_subtasks"),
                rs.getInt("cancelled_subtasks"),
                rs.getInt("good_quality_images"),
                rs.getInt("poor_quality_images"),
                json.tags(rs, "prompts"),
                json.read(rs, "ratio", Settings.Ratio.class),
                json.read(rs, "seed", Settings.Seed.class),
                json.read(rs, "batch_size", Settings.BatchSize.class),
                json.read(rs, "polish", Settings.Polish.class),
                json.variables(rs, "variables"),
                json.object(rs, "parameters"),
                time(rs, "created_at"),
                time(rs, "updated_at"),
                time(rs, "completed_at"));
    }
}
