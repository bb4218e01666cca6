package dev.imagegen.dispatcher;

import static dev.imagegen.dispatcher.TopicRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.events.CloudEventHeaders;
import dev.imagegen.events.Topics;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each instance is its own application context on one database; closing a context stops that instance. */
class DispatcherFailoverTest {

    private static final String STANDARD = Topics.dispatchTopic("standard_tasks");

    TestDatabase database;
    HikariDataSource dataSource;
    JdbcClient jdbc;
    TestRows rows;
    TopicRecords records;
    String kafka;

    @BeforeEach
    void database() {
        database = TestServers.postgres().migratedDatabase("failover");
        dataSource = database.newDataSource(4);
        jdbc = JdbcClient.create(dataSource);
        rows = new TestRows(jdbc);
        kafka = TestServers.kafka().bootstrapServers();
        records = new TopicRecords(kafka, List.of(STANDARD));
    }

    @AfterEach
    void close() {
        records.close();
        dataSource.close();
    }

    @Test
    void stoppedAndRestartedMidStreamLosesNothing() {
        TestRows.TaskRows task = rows.task(1);
        DispatcherInstance first = DispatcherInstance.start(database, kafka);
        DispatcherReady.leading(first.leader(), jdbc, database.name());
        ConcurrentLinkedQueue<Long> inserted = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 400; i++) {
                inserted.add(rows.enqueue(
                        "standard_tasks", task.taskId(), task.subtaskIds().getFirst()));
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> dispatchedIds(task).size() >= 50);
        first.close();
        for (int i = 0; i < 10; i++) { // committed while no dispatcher runs
            inserted.add(rows.enqueue(
                    "standard_tasks", task.taskId(), task.subtaskIds().getFirst()));
        }
        try (DispatcherInstance second = DispatcherInstance.start(database, kafka)) {
            writer.join();
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(dispatchedIds(task)).containsAll(ids(inserted)));
            assertThat(dispatchedIds(task)).isEqualTo(ids(inserted));
        }
    }

    @Test
    void standbyTakesOverWhenTheActiveInstanceDies() {
        TestRows.TaskRows task = rows.task(1);
        UUID subtask = task.subtaskIds().getFirst();
        DispatcherInstance active = DispatcherInstance.start(database, kafka);
        DispatcherReady.leading(active.leader(), jdbc, database.name());
        try (DispatcherInstance standby = DispatcherInstance.start(database, kafka)) {
            assertThat(standby.leader().isLeading()).isFalse();
            List<Long> before = List.of(
                    rows.enqueue("standard_tasks", task.taskId(), subtask),
                    rows.enqueue("standard_tasks", task.taskId(), subtask));
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(dispatchedIds(task)).containsAll(before));

            active.close();
            await().atMost(Duration.ofSeconds(10)).until(standby.leader()::isLeading);
            List<Long> after = List.of(
                    rows.enqueue("standard_tasks", task.taskId(), subtask),
                    rows.enqueue("standard_tasks", task.taskId(), subtask));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(dispatchedIds(task)).containsAll(after));
            assertThat(dispatchedIds(task)).containsExactlyInAnyOrderElementsOf(ids(List.of(before, after)));
        }
    }

    private Set<Long> dispatchedIds(TestRows.TaskRows task) {
        String key = task.subtaskIds().getFirst().toString();
        return records.poll(r -> key.equals(r.key())).stream()
                .map(r -> Long.parseLong(header(r, CloudEventHeaders.ID)))
                .collect(Collectors.toSet());
    }

    private static Set<Long> ids(ConcurrentLinkedQueue<Long> inserted) {
        return Set.copyOf(inserted);
    }

    private static Set<Long> ids(List<List<Long>> batches) {
        return batches.stream().flatMap(List::stream).collect(Collectors.toSet());
    }
}
