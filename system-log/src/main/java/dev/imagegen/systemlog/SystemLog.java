package dev.imagegen.systemlog;

import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes this service's rows in system_logs. A row is written on a virtual thread of its own and
 * never fails its caller: a database that is gone or a pool that is full costs the caller at most
 * {@code write-wait} ({@link #record}) or nothing ({@link #recordLater}), and the row is then lost
 * (the application log says so).
 */
public class SystemLog {

    /** The levels the services write; the logs page filters by them. */
    public enum Level {
        INFO,
        WARN,
        ERROR
    }

    private static final Logger log = LoggerFactory.getLogger(SystemLog.class);

    private static final String INSERT = """
            INSERT INTO system_logs (log_level, component, message, details)
            VALUES (:level, :component, :message, CAST(:details AS jsonb))
            """;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final String component;
    private final Duration writeWait;

    public SystemLog(JdbcClient jdbc, String component, Duration writeWait) {
        this.jdbc = jdbc;
        this.component = component;
        this.writeWait = writeWait;
    }

    /**
     * Writes a row, waiting at most {@code write-wait} for it, even when the caller is being
     * interrupted (a stopping thread still gets its last row; its interrupt is kept); answers
     * whether the row was written by then.
     */
    public boolean record(Level level, String message, Map<String, ?> details) {
        Thread writer = recordLater(level, message, details);
        long deadline = System.nanoTime() + writeWait.toNanos();
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return writer.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes a row without waiting for it; the returned thread ends when the row is written or lost. */
    public Thread recordLater(Level level, String message, Map<String, ?> details) {
        String json = JSON.writeValueAsString(details);
        return Thread.ofVirtual().name("system-log").start(() -> {
            try {
                jdbc.sql(INSERT)
                        .param("level", level.name())
                        .param("component", component)
                        .param("message", message)
                        .param("details", json)
                        .update();
            } catch (RuntimeException e) {
                log.warn("system_logs row not written ({}): {}", message, e.getMessage());
            }
        });
    }

    public String component() {
        return component;
    }
}
