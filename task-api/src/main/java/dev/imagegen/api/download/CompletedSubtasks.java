package dev.imagegen.api.download;

import static dev.imagegen.api.task.JsonColumns.nullableLong;
import static dev.imagegen.api.task.JsonColumns.uuid;

import dev.imagegen.api.task.JsonColumns;
import dev.imagegen.api.task.SubtaskResult;
import dev.imagegen.api.task.TaskVariable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads a task's completed subtasks in expansion order, one bounded page per query (keyset-paged like the subtask
 * list), so a download of 10,000 subtasks holds one page at a time and no transaction stays open while it streams.
 */
@Component
class CompletedSubtasks {

    private static final String SELECT_TASK = """
            SELECT name, variables::text AS variables FROM tasks WHERE id = :task
            """;

    private static final String SELECT_PAGE = """
            SELECT s.id, s.variable_indices::text AS variable_indices, s.prompts::text AS prompts, s.ratio, s.seed,
                   s.result::text AS result, s.rating::text AS rating, s.evaluation
              FROM subtasks s
             WHERE s.task_id = :task AND s.status = 'completed'%s
             ORDER BY s.variable_indices, s.id
             LIMIT :limit
            """;

    private static final String ONLY_SELECTED = " AND s.id IN (:selected)";
    private static final String AFTER_CURSOR =
            " AND (s.variable_indices, s.id) > (CAST(:afterIndices AS jsonb), :afterId)";

    private static final String SELECT_STATUSES = """
            SELECT s.id, s.status::text AS status FROM subtasks s WHERE s.task_id = :task AND s.id IN (:ids)
            """;

    private final JdbcClient jdbc;
    private final JsonColumns json;

    CompletedSubtasks(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What the zip needs of the task itself: its name and its variables by key. */
    record TaskFacts(UUID id, String name, Map<String, TaskVariable> variables) {}

    Optional<TaskFacts> task(UUID task) {
        return jdbc.sql(SELECT_TASK)
                .param("task", task)
                .query((rs, n) -> new TaskFacts(task, rs.getString("name"), json.variables(rs, "variables")))
                .optional();
    }

    /** The status of each of these subtasks that belongs to the task. */
    Map<UUID, String> statuses(UUID task, Collection<UUID> ids) {
        return jdbc
                .sql(SELECT_STATUSES)
                .param("task", task)
                .param("ids", ids)
                .query((rs, n) -> Map.entry(uuid(rs, "id"), rs.getString("status")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The next page of completed subtasks after {@code after} (null: from the start), only those in {@code selected}
     * when it is not null.
     */
    List<CompletedSubtask> page(UUID task, Collection<UUID> selected, CompletedSubtask after, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("task", task, "limit", limit));
        StringBuilder conditions = new StringBuilder();
        if (selected != null) {
            conditions.append(ONLY_SELECTED);
            params.put("selected", selected);
        }
        if (after != null) {
            conditions.append(AFTER_CURSOR);
            params.put("afterIndices", after.cursor());
            params.put("afterId", after.id());
        }
        return jdbc.sql(SELECT_PAGE.formatted(conditions))
                .params(params)
                .query(this::row)
                .list();
    }

    private CompletedSubtask row(ResultSet rs, int n) throws SQLException {
        return new CompletedSubtask(
                uuid(rs, "id"),
                rs.getString("variable_indices"),
                json.indices(rs, "variable_indices"),
                json.tags(rs, "prompts"),
                rs.getString("ratio"),
                nullableLong(rs, "seed"),
                json.read(rs, "result", SubtaskResult.class),
                rs.getString("rating"),
                rs.getString("evaluation"));
    }
}
