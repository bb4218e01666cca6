package dev.imagegen.api.progress;

import dev.imagegen.api.task.SubtaskResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The two reads behind every open stream, each one query per tick for all of them, by primary key. */
@Component
class LiveReads {

    private static final String PROGRESS = """
            SELECT id, status::text AS status, progress, total_images, processed_images,
                   processing_subtasks, completed_subtasks, failed_subtasks, cancelled_subtasks,
                   completed_at, updated_at
              FROM tasks WHERE id = ANY (:ids)
            """;

    // A lateral lookup per changed subtask: the planner cannot tell how many pairs the arrays hold and
    // would otherwise hash them against every partition of subtasks. Images keep only what a card needs.
    private static final String CHANGED_SUBTASKS = """
            SELECT c.task_id, s.id, s.status::text AS status, s.rating::text AS rating, s.evaluation, s.error,
                   s.retry_count, s.updated_at,
                   (SELECT jsonb_agg(jsonb_build_object('url', i -> 'url', 'width', i -> 'width',
                                                        'height', i -> 'height', 'seed', i -> 'seed'))
                      FROM jsonb_array_elements(CASE jsonb_typeof(s.result -> 'images')
                                                WHEN 'array' THEN s.result -> 'images' END) i)::text AS images
              FROM unnest(CAST(:tasks AS uuid[]), CAST(:ids AS uuid[])) AS c (task_id, id)
             CROSS JOIN LATERAL (SELECT * FROM subtasks s WHERE s.task_id = c.task_id AND s.id = c.id) s
            """;

    private static final TypeReference<List<SubtaskResult.Image>> IMAGES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final LongAdder queries = new LongAdder();

    LiveReads(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<TaskProgress> progress(Collection<UUID> tasks) {
        queries.increment();
        return jdbc.sql(PROGRESS)
                .param("ids", tasks.toArray(UUID[]::new))
                .query(TaskProgress.class)
                .list();
    }

    /** The current state of each named subtask, by task. */
    Map<UUID, List<SubtaskChange>> subtasks(Map<UUID, Set<UUID>> changed) {
        List<UUID> tasks = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        changed.forEach((task, subtasks) -> subtasks.forEach(id -> {
            tasks.add(task);
            ids.add(id);
        }));
        queries.increment();
        Map<UUID, List<SubtaskChange>> byTask = new HashMap<>();
        jdbc.sql(CHANGED_SUBTASKS)
                .param("tasks", tasks.toArray(UUID[]::new))
                .param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    byTask.computeIfAbsent(rs.getObject("task_id", UUID.class), t -> new ArrayList<>())
                            .add(change(rs));
                });
        return byTask;
    }

    /** Queries run so far, for the gauge and the tests that bound them. */
    long queries() {
        return queries.sum();
    }

    private SubtaskChange change(ResultSet rs) throws SQLException {
        String images = rs.getString("images");
        return new SubtaskChange(
                rs.getObject("id", UUID.class),
                rs.getString("status"),
                rs.getString("rating"),
                rs.getString("evaluation"),
                rs.getString("error"),
                rs.getInt("retry_count"),
                images == null ? null : json.readValue(images, IMAGES),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
