package dev.imagegen.worker.generation;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a claimed subtask and its task's backend choice. */
@Component
class SubtaskLoader {

    private static final String SUBTASK_TO_GENERATE = """
            SELECT s.prompts::text AS prompts_json, s.ratio, s.seed, s.batch_size, s.use_polish, t.make_api_queue,
                   s.parameters::text AS parameters_json
              FROM subtasks s JOIN tasks t ON t.id = s.task_id
             WHERE s.task_id = :taskId AND s.id = :subtaskId
            """;

    private final JdbcClient jdbc;

    SubtaskLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SubtaskWork load(UUID taskId, UUID subtaskId) {
        return jdbc.sql(SUBTASK_TO_GENERATE)
                .param("taskId", taskId)
                .param("subtaskId", subtaskId)
                .query((rs, n) -> new SubtaskWork(
                        rs.getString("prompts_json"),
                        rs.getString("ratio"),
                        rs.getObject("seed", Long.class),
                        rs.getInt("batch_size"),
                        rs.getBoolean("use_polish"),
                        rs.getString("make_api_queue"),
                        rs.getString("parameters_json")))
                .single();
    }
}
