package dev.imagegen.api.log;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes task_logs rows for what people did to a task, inside the caller's transaction. */
@Component
public class TaskLog {

    private static final String INSERT_TASK_LOG = """
            INSERT INTO task_logs (task_id, subtask_id, log_level, message, details)
            VALUES (:taskId, :subtaskId, 'INFO', :message, CAST(:details AS jsonb))
            """;

    private final JdbcClient jdbc;

    TaskLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code message} (created, cancelled, retried, deleted, rated) with JSON {@code details}. */
    public void record(UUID taskId, UUID subtaskId, String message, String detailsJson) {
        jdbc.sql(INSERT_TASK_LOG)
                .param("taskId", taskId)
                .param("subtaskId", subtaskId)
                .param("message", message)
                .param("details", detailsJson)
                .update();
    }
}
