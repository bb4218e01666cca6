package dev.imagegen.dispatcher;

import static org.awaitility.Awaitility.await;

import dev.imagegen.dispatcher.leader.LeaderElection;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Waits until an instance leads and its engine streams from the slot, so later commits are captured live. */
final class DispatcherReady {

    private static final String SLOT_ACTIVE = """
            SELECT count(*) FROM pg_replication_slots WHERE slot_name = :slot AND active
            """;

    private DispatcherReady() {}

    static void leading(LeaderElection leader, JdbcClient jdbc, String slot) {
        await().atMost(Duration.ofSeconds(60)).until(leader::isLeading);
        awaitSlotActive(jdbc, slot);
    }

    static void awaitSlotActive(JdbcClient jdbc, String slot) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql(SLOT_ACTIVE)
                                .param("slot", slot)
                                .query(Long.class)
                                .single()
                        == 1);
    }
}
