package dev.imagegen.worker.sweep;

import dev.imagegen.systemlog.FixedDelayLifecycle;
import dev.imagegen.worker.WorkerProperties;
import dev.imagegen.worker.metrics.WorkerMetrics;
import java.time.Duration;
import org.postgresql.util.PGInterval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs {@code sweep_queue_tasks_by_queue} every {@code sweep-interval} in every worker instance; the
 * function's advisory lock lets one at a time do the work, so any instance can take over.
 */
@Component
class Sweeper extends FixedDelayLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

    private static final String SWEEP = """
            SELECT queue_name, kind, reason, count FROM sweep_queue_tasks_by_queue(:unclaimedTimeout)
            """;

    private final JdbcClient jdbc;
    private final WorkerProperties properties;
    private final WorkerMetrics metrics;

    Sweeper(JdbcClient jdbc, WorkerProperties properties, WorkerMetrics metrics) {
        super("sweeper");
        this.jdbc = jdbc;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** One sweep; its rescues and retries are counted by queue and reason (zeros too, so every counter exists). */
    void sweepOnce() {
        PGInterval unclaimed =
                new PGInterval(0, 0, 0, 0, 0, properties.unclaimedTimeout().toMillis() / 1000.0);
        int expired = 0;
        int redispatched = 0;
        for (Swept swept : jdbc.sql(SWEEP)
                .param("unclaimedTimeout", unclaimed)
                .query((rs, n) -> new Swept(
                        rs.getString("queue_name"), rs.getString("kind"), rs.getString("reason"), rs.getInt("count")))
                .list()) {
            metrics.swept(swept.queue(), swept.kind(), swept.reason(), swept.count());
            if (swept.kind().equals("rescues")) {
                if (swept.reason().equals("lease_expired")) {
                    expired += swept.count();
                } else {
                    redispatched += swept.count();
                }
            }
        }
        if (expired > 0) {
            metrics.leaseExpiries(expired);
            log.info("Rescued {} attempts whose lease expired", expired);
        }
        if (redispatched > 0) {
            log.info("Dispatched {} unclaimed attempts again", redispatched);
        }
    }

    private record Swept(String queue, String kind, String reason, int count) {}

    @Override
    protected Duration delay() {
        return properties.sweepInterval();
    }

    @Override
    protected void runOnce() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            log.warn("Sweep failed: {}", e.getMessage());
        }
    }
}
