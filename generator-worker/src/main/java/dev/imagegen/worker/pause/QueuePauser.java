package dev.imagegen.worker.pause;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pauses a queue ({@code task_queues.is_active = false}) and writes a system log saying why, in one
 * statement. Claims in a paused queue answer {@code queue_paused}; an operator resumes it once the
 * cause (such as a revoked API key) is fixed. Pausing a paused queue writes nothing.
 */
@Component
public class QueuePauser {

    private static final Logger log = LoggerFactory.getLogger(QueuePauser.class);

    /** The worker is named as the change's author for the trigger that logs queue changes (V121). */
    private static final String PAUSE_AND_LOG = """
            WITH author AS (SELECT set_config('imagegen.actor', :worker, true)),
            paused AS (
                UPDATE task_queues SET is_active = false
                 WHERE name = :queue AND is_active AND EXISTS (SELECT FROM author)
                RETURNING name)
            INSERT INTO system_logs (log_level, component, message, details)
            SELECT 'ERROR', 'generator_worker', :message, CAST(:details AS jsonb) FROM paused
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    QueuePauser(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Pauses {@code queue}; answers whether this call paused it (false: it was paused already). */
    public boolean pause(String queue, String endpoint, String workerId, String reason) {
        boolean paused = jdbc.sql(PAUSE_AND_LOG)
                        .param("queue", queue)
                        .param("worker", workerId)
                        .param(
                                "message",
                                "queue " + queue + " paused: backend endpoint " + endpoint + " refused the credentials")
                        .param(
                                "details",
                                json.writeValueAsString(Map.of(
                                        "queue", queue, "endpoint", endpoint, "worker", workerId, "error", reason)))
                        .update()
                > 0;
        if (paused) {
            log.error("Paused queue {}: backend endpoint {} refused the credentials: {}", queue, endpoint, reason);
        }
        return paused;
    }
}
