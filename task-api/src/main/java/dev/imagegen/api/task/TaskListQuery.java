package dev.imagegen.api.task;

import dev.imagegen.api.security.Account;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lists the tasks the viewer may see ({@link TaskVisibility}) newest first with keyset pagination
 * (the cursor is the last task's id). Filters are
 * fixed SQL fragments joined with AND, so each query keeps a plan that can use its index; the
 * search uses the expression of tasks_search_trgm_idx, by substring (ILIKE, Chinese included) or
 * by word similarity for typos.
 */
@Component
class TaskListQuery {

    private static final String SELECT_TASKS = """
            SELECT t.id, t.name, u.username, t.status::text AS status, t.priority, t.make_api_queue,
                   q.name AS queue, t.visibility::text AS visibility, t.total_images, t.processed_images, t.progress,
                   t.created_at, t.updated_at, t.completed_at
              FROM tasks t
              JOIN users u ON u.id = t.user_id
              LEFT JOIN task_queues q ON q.id = t.queue_id
             WHERE %s
             ORDER BY t.created_at DESC, t.id DESC
             LIMIT :limit
            """;

    private static final String WITH_STATUS = "t.status = CAST(:status AS task_status)";
    private static final String OF_USER = "u.username = :username";
    private static final String CREATED_FROM = "t.created_at >= :createdFrom";
    private static final String CREATED_BEFORE = "t.created_at < :createdTo";
    private static final String MATCHING_SEARCH = """
            (task_search_text(t.name, t.prompts, t.variables) ILIKE :pattern
             OR :q <% task_search_text(t.name, t.prompts, t.variables))""";
    private static final String AFTER_CURSOR = """
            (t.created_at, t.id) < (SELECT a.created_at, a.id FROM tasks a WHERE a.id = :after)""";

    private final JdbcClient jdbc;

    TaskListQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<TaskSummary> list(Account viewer, Filter filter) {
        List<String> conditions = new ArrayList<>(List.of(TaskVisibility.SEES_TASK));
        var params = new java.util.HashMap<String, Object>();
        params.put("limit", filter.limit());
        params.put("staff", TaskVisibility.staff(viewer));
        params.put("viewer", TaskVisibility.owner(viewer));
        if (filter.status() != null) {
            conditions.add(WITH_STATUS);
            params.put("status", filter.status());
        }
        if (filter.username() != null) {
            conditions.add(OF_USER);
            params.put("username", filter.username());
        }
        if (filter.createdFrom() != null) {
            conditions.add(CREATED_FROM);
            params.put("createdFrom", filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            conditions.add(CREATED_BEFORE);
            params.put("createdTo", filter.createdTo());
        }
        if (filter.q() != null) {
            conditions.add(MATCHING_SEARCH);
            params.put("q", filter.q());
            params.put("pattern", "%" + escapeLike(filter.q()) + "%");
        }
        if (filter.after() != null) {
            conditions.add(AFTER_CURSOR);
            params.put("after", filter.after());
        }
        return jdbc.sql(SELECT_TASKS.formatted(String.join(" AND ", conditions)))
                .params(params)
                .query((rs, n) -> new TaskSummary(
                        JsonColumns.uuid(rs, "id"),
                        rs.getString("name"),
                        rs.getString("username"),
                        rs.getString("status"),
                        rs.getInt("priority"),
                        rs.getString("make_api_queue"),
                        rs.getString("queue"),
                        rs.getString("visibility"),
                        rs.getInt("total_images"),
                        rs.getInt("processed_images"),
                        rs.getInt("progress"),
                        JsonColumns.time(rs, "created_at"),
                        JsonColumns.time(rs, "updated_at"),
                        JsonColumns.time(rs, "completed_at")))
                .list();
    }

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** What the caller asked for; null means no filter. */
    record Filter(
            String status,
            String username,
            OffsetDateTime createdFrom,
            OffsetDateTime createdTo,
            String q,
            UUID after,
            int limit) {}
}
