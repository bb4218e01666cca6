package dev.imagegen.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the dispatcher shows operators: backlog and slot lag gauges, and its leadership in system_logs. */
class DispatcherOperatorViewTest {

    /** Quick samples and heartbeats; a row may take its time on a loaded machine. */
    static final Map<String, Object> FAST_SAMPLES = Map.of(
            "imagegen.dispatcher.sample-interval", "200ms",
            "imagegen.dispatcher.heartbeat-interval", "500ms",
            "imagegen.system-log.write-wait", "30s");

    TestDatabase database;
    HikariDataSource dataSource;
    JdbcClient jdbc;
    TestRows rows;
    String kafka;

    @BeforeEach
    void database() {
        database = TestServers.postgres().migratedDatabase("operator_view");
        dataSource = database.newDataSource(4);
        jdbc = JdbcClient.create(dataSource);
        rows = new TestRows(jdbc);
        kafka = TestServers.kafka().bootstrapServers();
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void pendingAttemptsAndTheAgeOfTheOldestAreShownPerQueue() {
        TestRows.TaskRows task = rows.task(3);
        for (var subtask : task.subtaskIds()) {
            rows.enqueue("lumina_tasks", task.taskId(), subtask);
        }
        jdbc.sql("UPDATE queue_tasks SET enqueued_at = now() - interval '90 seconds' WHERE subtask_id = ?")
                .param(task.subtaskIds().getFirst())
                .update();
        jdbc.sql("UPDATE task_queues SET is_active = false WHERE name = 'high_priority_tasks'")
                .update();

        try (DispatcherInstance dispatcher = DispatcherInstance.start(database, kafka, FAST_SAMPLES)) {
            MeterRegistry registry = dispatcher.bean(MeterRegistry.class);

            await().untilAsserted(() -> {
                assertThat(gauge(registry, "imagegen.queue.pending.attempts", "queue", "lumina_tasks"))
                        .isEqualTo(3);
                assertThat(gauge(registry, "imagegen.queue.pending.attempts", "queue", "standard_tasks"))
                        .isZero();
                assertThat(gauge(registry, "imagegen.queue.oldest.pending.age", "queue", "lumina_tasks"))
                        .isGreaterThanOrEqualTo(90);
                assertThat(gauge(registry, "imagegen.queue.max.concurrent.tasks", "queue", "lumina_tasks"))
                        .isEqualTo(5);
                assertThat(gauge(registry, "imagegen.queue.active", "queue", "high_priority_tasks"))
                        .isZero();
            });
        }
    }

    @Test
    void aSlotNobodyReadsFallsBehindInBytesAndSecondsUntilAnInstanceLeadsAgain() throws Exception {
        String slot = database.name();
        try (DispatcherInstance first = DispatcherInstance.start(database, kafka, FAST_SAMPLES)) {
            DispatcherReady.leading(first.leader(), jdbc, slot); // creates the slot
        }
        try (Connection lockHolder = database.connect()) {
            try (Statement statement = lockHolder.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(7343001)"); // the default leader lock key
            }
            DispatcherInstance standby = DispatcherInstance.start(database, kafka, FAST_SAMPLES);
            try {
                MeterRegistry registry = standby.bean(MeterRegistry.class);
                TestRows.TaskRows task = rows.task(1);
                rows.enqueue("standard_tasks", task.taskId(), task.subtaskIds().getFirst());

                await().untilAsserted(() -> {
                    assertThat(gauge(registry, "imagegen.dispatcher.leader", null, null))
                            .isZero();
                    assertThat(gauge(registry, "imagegen.dispatcher.slot.lag.bytes", "slot", slot))
                            .isPositive();
                    assertThat(gauge(registry, "imagegen.dispatcher.slot.lag.seconds", "slot", slot))
                            .isGreaterThan(1);
                });
                double behind = gauge(registry, "imagegen.dispatcher.slot.lag.seconds", "slot", slot);

                lockHolder.close(); // the standby takes over and reads the slot
                await().untilAsserted(() -> {
                    assertThat(gauge(registry, "imagegen.dispatcher.leader", null, null))
                            .isEqualTo(1);
                    assertThat(gauge(registry, "imagegen.dispatcher.slot.lag.seconds", "slot", slot))
                            .isLessThan(behind);
                });
            } finally {
                standby.close();
            }
        }
    }

    @Test
    void startsLeadershipAndStopsAreSystemLogRowsOfTheDispatcher() {
        try (DispatcherInstance dispatcher = DispatcherInstance.start(database, kafka, FAST_SAMPLES)) {
            DispatcherReady.leading(dispatcher.leader(), jdbc, database.name());
        }

        assertThat(jdbc.sql(
                                "SELECT log_level || ' ' || message FROM system_logs WHERE component = 'dispatcher' ORDER BY id")
                        .query(String.class)
                        .list())
                .containsSubsequence(
                        "INFO leader lock taken: dispatching",
                        "INFO service stopping",
                        "INFO leader lock released: the dispatcher stops")
                .contains("INFO service started");
    }

    private static double gauge(MeterRegistry registry, String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        Gauge gauge = search.gauge();
        assertThat(gauge).as(name + " " + value).isNotNull();
        return gauge.value();
    }
}
