package dev.imagegen.systemlog;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Samples the connection pool every {@code pool-check-interval} and writes a WARN row when the
 * connections in use reach {@code pool-warn-usage} of its maximum, at most once per
 * {@code pool-warn-every}. The row needs a connection of the same pool: when every one is taken it
 * waits for the next one free, and is lost if none frees within the pool's time-out.
 */
class ConnectionPoolWatch extends FixedDelayLifecycle {

    private final HikariDataSource pool;
    private final SystemLog systemLog;
    private final SystemLogProperties properties;
    private final Clock clock;
    private Instant lastWarning = Instant.MIN;

    ConnectionPoolWatch(HikariDataSource pool, SystemLog systemLog, SystemLogProperties properties, Clock clock) {
        super("connection-pool-watch");
        this.pool = pool;
        this.systemLog = systemLog;
        this.properties = properties;
        this.clock = clock;
    }

    /** One sample; answers whether it wrote a warning. */
    synchronized boolean check() {
        HikariPoolMXBean usage = pool.getHikariPoolMXBean();
        int max = pool.getMaximumPoolSize();
        if (usage == null || max <= 0) {
            return false; // the pool has not started yet
        }
        int active = usage.getActiveConnections();
        Instant now = clock.instant();
        if (active < properties.poolWarnUsage() * max || now.isBefore(lastWarning.plus(properties.poolWarnEvery()))) {
            return false;
        }
        lastWarning = now;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pool", pool.getPoolName());
        details.put("active", active);
        details.put("idle", usage.getIdleConnections());
        details.put("max", max);
        details.put("waiting", usage.getThreadsAwaitingConnection());
        systemLog.recordLater(
                SystemLog.Level.WARN,
                "connection pool near its limit: %d of %d connections in use".formatted(active, max),
                details);
        return true;
    }

    @Override
    protected Duration delay() {
        return properties.poolCheckInterval();
    }

    @Override
    protected void runOnce() {
        check();
    }
}
