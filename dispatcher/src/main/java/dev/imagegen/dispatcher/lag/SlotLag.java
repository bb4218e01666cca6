package dev.imagegen.dispatcher.lag;

import dev.imagegen.dispatcher.DispatcherProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The replication slot's lag behind the server's WAL: {@code imagegen_dispatcher_slot_lag_bytes}
 * (from {@code pg_replication_slots.confirmed_flush_lsn} to {@code pg_current_wal_lsn()}) and
 * {@code imagegen_dispatcher_slot_lag_seconds}, estimated by {@link WalPositions} from this
 * instance's samples. Read by standbys too: a leader whose engine is stuck still shows a growing
 * lag, and a standby that takes over knows how long the slot has waited.
 */
@Component
class SlotLag {

    private static final String SELECT_POSITIONS = """
            SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS current_position,
                   pg_wal_lsn_diff(coalesce(s.confirmed_flush_lsn, s.restart_lsn), '0/0')::bigint AS confirmed_position
              FROM pg_replication_slots s
             WHERE s.slot_name = :slot
            """;

    /** A day of samples at the default interval. */
    private static final int SAMPLES_KEPT = 8_640;

    private record Positions(long current, long confirmed) {}

    private final JdbcClient jdbc;
    private final String slot;
    private final Clock clock;
    private final WalPositions history = new WalPositions(SAMPLES_KEPT);
    private final MultiGauge bytes;
    private final MultiGauge seconds;

    SlotLag(JdbcClient jdbc, DispatcherProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.slot = properties.slotName();
        this.clock = Clock.systemUTC();
        bytes = MultiGauge.builder("imagegen.dispatcher.slot.lag.bytes")
                .baseUnit("bytes")
                .description("WAL the replication slot has not confirmed yet")
                .register(registry);
        seconds = MultiGauge.builder("imagegen.dispatcher.slot.lag.seconds")
                .baseUnit("seconds")
                .description("Since the server's WAL was at the slot's confirmed position (estimated)")
                .register(registry);
    }

    void sample() {
        Optional<Positions> positions = jdbc.sql(SELECT_POSITIONS)
                .param("slot", slot)
                .query((rs, n) -> new Positions(rs.getLong("current_position"), rs.getLong("confirmed_position")))
                .optional();
        if (positions.isEmpty()) {
            clear(); // not created yet: the engine creates it on its first start
            return;
        }
        long behind = Math.max(0, positions.get().current() - positions.get().confirmed());
        Duration lag = history.lag(
                clock.instant(), positions.get().current(), positions.get().confirmed());
        Tags tags = Tags.of("slot", slot);
        bytes.register(List.of(MultiGauge.Row.of(tags, behind)), true);
        seconds.register(List.of(MultiGauge.Row.of(tags, lag.toNanos() / 1e9)), true);
    }

    void clear() {
        bytes.register(List.of(), true);
        seconds.register(List.of(), true);
    }
}
