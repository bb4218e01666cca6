package dev.imagegen.api.log;

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

    private final JdbcClient jdbc;

    ServiceLifecycleLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        record("service started");
    }

    @EventListener(ContextClosedEvent.class)
    void stopping() {
        try {
            record("service stopping");
        } catch (RuntimeException e) {
            // The database may already be gone at shutdown; stopping must not fail for a log row.
        }
    }

    private void record(String message) {
        jdbc.sql(INSERT_SYSTEM_LOG)
                .param("message", message)
                .param("pid", ProcessHandle.current().pid())
                .update();
    }
}
