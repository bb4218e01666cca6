package dev.imagegen.dispatcher.admission;

import dev.imagegen.dispatcher.DispatcherProperties;
import dev.imagegen.dispatcher.leader.LeaderElection;
import dev.imagegen.systemlog.FixedDelayLifecycle;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Admits work the completions do not clock: a queue under a rate limit whose last minute frees up, a
 * queue whose limit was raised or that was resumed, a window that a concurrent admission left short.
 * Completions admit in their own transactions; this tick, run by the leading instance every
 * {@code admission-interval}, calls {@code admit_all_queues()}, which admits under the same
 * per-queue lock and never waits for it.
 */
@Component
class AdmissionTicker extends FixedDelayLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AdmissionTicker.class);

    private static final String ADMIT_ALL = "SELECT coalesce(sum(admitted), 0) FROM admit_all_queues()";

    private final JdbcClient jdbc;
    private final LeaderElection leader;
    private final DispatcherProperties properties;
    private boolean failing;

    AdmissionTicker(JdbcClient jdbc, LeaderElection leader, DispatcherProperties properties) {
        super("admission");
        this.jdbc = jdbc;
        this.leader = leader;
        this.properties = properties;
    }

    /** Admits for every queue with room and a backlog; answers how many attempts were admitted. */
    long tick() {
        if (!leader.isLeading()) {
            return 0;
        }
        try {
            long admitted = jdbc.sql(ADMIT_ALL).query(Long.class).single();
            if (failing) {
                log.info("Admission works again");
                failing = false;
            }
            return admitted;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Admission failed; trying again every {}: {}", properties.admissionInterval(), e.getMessage());
                failing = true;
            }
            return 0;
        }
    }

    @Override
    protected Duration delay() {
        return properties.admissionInterval();
    }

    @Override
    protected void runOnce() {
        tick();
    }
}
