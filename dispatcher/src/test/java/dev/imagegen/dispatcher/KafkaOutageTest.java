package dev.imagegen.dispatcher;

import static dev.imagegen.dispatcher.TopicRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.events.CloudEventHeaders;
import dev.imagegen.events.Topics;
import dev.imagegen.testservers.RestartableKafkaBroker;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class KafkaOutageTest {

    private static final String STANDARD = Topics.dispatchTopic("standard_tasks");

    /** Short client timeouts, so that the outage shows as failed sends the dispatcher must retry. */
    private static final Map<String, Object> QUICK_TO_GIVE_UP = Map.of(
            "spring.kafka.producer.properties.request.timeout.ms", "1000",
            "spring.kafka.producer.properties.delivery.timeout.ms", "2000",
            "spring.kafka.producer.properties.max.block.ms", "2000");

    @Test
    void everyEventArrivesOnceKafkaIsBackAfterAnOutage() {
        TestDatabase database = TestServers.postgres().migratedDatabase("kafka_outage");
        try (RestartableKafkaBroker kafka = RestartableKafkaBroker.start();
                HikariDataSource dataSource = database.newDataSource(2);
                DispatcherInstance dispatcher =
                        DispatcherInstance.start(database, kafka.bootstrapServers(), QUICK_TO_GIVE_UP)) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            TestRows rows = new TestRows(jdbc);
            DispatcherReady.leading(dispatcher.leader(), jdbc, database.name());
            TestRows.TaskRows task = rows.task(1);
            List<Long> inserted = new ArrayList<>();
            inserted.add(rows.enqueue(
                    "standard_tasks", task.taskId(), task.subtaskIds().getFirst()));
            try (TopicRecords records = new TopicRecords(kafka.bootstrapServers(), List.of(STANDARD))) {
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(ids(records)).containsAll(inserted));
            }

            kafka.kill();
            for (int i = 0; i < 20; i++) {
                inserted.add(rows.enqueue(
                        "standard_tasks", task.taskId(), task.subtaskIds().getFirst()));
            }
            MeterRegistry meters = dispatcher.bean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> meters.counter("imagegen.dispatcher.errors", "kind", "publish")
                                    .count()
                            >= 2);
            kafka.restart();

            try (TopicRecords records = new TopicRecords(kafka.bootstrapServers(), List.of(STANDARD))) {
                await().atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(ids(records)).containsAll(inserted));
                assertThat(ids(records)).isEqualTo(Set.copyOf(inserted));
            }
        }
    }

    private static Set<Long> ids(TopicRecords records) {
        return records.poll(r -> true).stream()
                .map(r -> Long.parseLong(header(r, CloudEventHeaders.ID)))
                .collect(Collectors.toSet());
    }
}
