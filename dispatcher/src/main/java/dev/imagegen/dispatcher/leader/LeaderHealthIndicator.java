package dev.imagegen.dispatcher.leader;

import dev.imagegen.dispatcher.DispatcherProperties;
import dev.imagegen.dispatcher.engine.DispatchEngine;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Shows on {@code /actuator/health} whether this instance leads or stands by. Both are healthy;
 * a leader whose engine stopped by itself is down until the election loop restarts it.
 */
@Component("dispatcher")
class LeaderHealthIndicator implements HealthIndicator {

    private final LeaderElection election;
    private final DispatchEngine engine;
    private final DispatcherProperties properties;

    LeaderHealthIndicator(LeaderElection election, DispatchEngine engine, DispatcherProperties properties) {
        this.election = election;
        this.engine = engine;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!election.isLeading()) {
            return Health.up().withDetail("role", "standby").build();
        }
        Health.Builder health = engine.isRunning() ? Health.up() : Health.down();
        return health.withDetail("role", "leader")
                .withDetail("slot", properties.slotName())
                .build();
    }
}
