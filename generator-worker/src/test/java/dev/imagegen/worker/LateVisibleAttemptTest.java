package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagegen.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A dispatch record can reach a worker before its row is visible to the worker's snapshot (logical
 * decoding hands over a commit a moment before other sessions see it). Here the row's transaction
 * stays open until the worker has looked for it once, then commits: the attempt must still be
 * claimed and generated, not skipped as stale.
 */
class LateVisibleAttemptTest {

    @Test
    void aRecordThatArrivesBeforeItsRowIsVisibleIsClaimedOnceTheRowCommits() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("late_visible", 3)) {
            UUID taskId =
                    bed.jdbc.sql("""
                    INSERT INTO tasks (name, user_id, prompts)
                    VALUES ('late', ?, '[{"type":"prompt","value":"a red fox","weight":1.0}]') RETURNING id
                    """).param(bed.createUser()).query(UUID.class).single();
            UUID subtaskId = bed.jdbc.sql("""
                    INSERT INTO subtasks (task_id, variable_indices, prompts, ratio, seed)
                    SELECT id, '{}', prompts, '1:1', 7 FROM tasks WHERE id = ? RETURNING id
                    """).param(taskId).query(UUID.class).single();
            long queueTaskId = bed.count("SELECT nextval('queue_tasks_id_seq')");
            ConfigurableApplicationContext worker =
                    bed.startWorker("worker-a", Map.of("imagegen.worker.backends.default.latency", "10ms"));
            MeterRegistry meters = worker.getBean(MeterRegistry.class);

            try (Connection inserting = bed.dataSource.getConnection()) {
                inserting.setAutoCommit(false);
                try (PreparedStatement insert = inserting.prepareStatement(
                        "INSERT INTO queue_tasks (id, queue_id, task_id, subtask_id) VALUES (?, ?, ?, ?)")) {
                    insert.setLong(1, queueTaskId);
                    insert.setInt(2, bed.queueId);
                    insert.setObject(3, taskId);
                    insert.setObject(4, subtaskId);
                    insert.executeUpdate();
                }
                try (KafkaProducer<String, String> producer = DispatchRelay.producer(bed.bootstrapServers)) {
                    producer.send(new ProducerRecord<>(
                                    Topics.dispatchTopic(bed.queueName), subtaskId.toString(), """
                                    {"schema_version":1,"queue_task_id":%d,"subtask_id":"%s","task_id":"%s",\
                                    "queue_id":%d,"queue_name":"%s","priority":1,"attempt":1}""".formatted(
                                                    queueTaskId, subtaskId, taskId, bed.queueId, bed.queueName)))
                            .get();
                }
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(2))
                        .until(() -> notFound(meters, bed.queueName) >= 1);
                inserting.commit();
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bed.count(
                                    "SELECT count(*) FROM subtasks WHERE task_id = ? AND status = 'completed'", taskId)
                            == 1);
            assertThat(bed.count("SELECT count(*) FROM queue_tasks WHERE id = ? AND status = 'completed'", queueTaskId))
                    .isEqualTo(1);
        }
    }

    private static double notFound(MeterRegistry meters, String queue) {
        var counter = meters.find("imagegen.worker.claims")
                .tags("queue", queue, "outcome", "not_found")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
