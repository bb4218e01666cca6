package dev.imagegen.api.log;

import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A system_logs row when the service is ready and when it stops, so operators see its life in SQL. */
@Component
class ServiceLifecycleLog {

    private static final String INSERT_SYSTEM_LOG = """
            INSERT INTO system_logs (log_level, component, message, details)
            VALUES ('INFO', 'task_api', :message, jsonb_build_object('pid', CAST(:pid AS bigint)))
            """;

    static final Duration STOPPING_LOG_WAIT = Duration.ofSeconds(2);

    private final JdbcClient jdbc;

    ServiceLifecycleLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        record("service started");
    }

    /**
     * The database may already be gone at shutdown, and a connection attempt then waits for the
     * pool's time-out (30 s): stopping waits at most {@link #STOPPING_LOG_WAIT} for the row.
     */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        Thread writer = Thread.ofVirtual().name("stopping-log").start(() -> {
            try {
                record("service stopping");
            } catch (RuntimeException e) {
                // stopping must not fail for a log row
            }
        });
        try {
            writer.join(STOPPING_LOG_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String message) {
        jdbc.sql(INSERT_SYSTEM_LOG)
                .param("message", message)
                .param("pid", ProcessHandle.current().pid())
                .update();
    }
}
