package dev.imagegen.systemlog;

import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * A system_logs row when the service is ready and when it stops, so operators see its life in SQL.
 * Stopping waits at most {@code write-wait} for its row: the database may already be gone.
 */
class ServiceLifecycleLog {

    private final SystemLog systemLog;

    ServiceLifecycleLog(SystemLog systemLog) {
        this.systemLog = systemLog;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        systemLog.record(SystemLog.Level.INFO, "service started", pid());
    }

    @EventListener(ContextClosedEvent.class)
    void stopping() {
        systemLog.record(SystemLog.Level.INFO, "service stopping", pid());
    }

    private static Map<String, Long> pid() {
        return Map.of("pid", ProcessHandle.current().pid());
    }
}
