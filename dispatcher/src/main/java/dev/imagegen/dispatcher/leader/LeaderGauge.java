package dev.imagegen.dispatcher.leader;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code imagegen_dispatcher_leader}: 1 on the instance that holds the lock and dispatches, 0 on standbys. */
@Component
class LeaderGauge implements MeterBinder {

    private final LeaderElection election;

    LeaderGauge(LeaderElection election) {
        this.election = election;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("imagegen.dispatcher.leader", election, e -> e.isLeading() ? 1 : 0)
                .description("1 while this instance holds the leader lock and dispatches")
                .register(registry);
    }
}
