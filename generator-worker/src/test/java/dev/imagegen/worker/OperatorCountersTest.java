package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagegen.events.Topics;
import dev.imagegen.worker.StubImageServer.Answer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The worker's counters of retries, rescues and dead letters by queue and reason, and its system_logs rows. */
class OperatorCountersTest {

    private static final String PNG_1X1 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    @Test
    void retriesRescuesAndDeadLettersAreCountedForTheirQueueAndReason() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (StubImageServer backend = new StubImageServer(
                        "/sdapi/v1/txt2img",
                        body -> calls.incrementAndGet() == 1
                                ? new Answer(502, "{\"error\":\"bad gateway\"}")
                                : new Answer(200, "{\"images\":[\"" + PNG_1X1 + "\"]}"));
                WorkerTestBed bed = new WorkerTestBed("operator_counters", 3)) {
            bed.createTopic(Topics.DISPATCH_DEAD_LETTER, 3);
            ConfigurableApplicationContext worker = bed.startWorker(
                    "worker-a",
                    Map.of(
                            "imagegen.worker.backends.default.type",
                            "a1111",
                            "imagegen.worker.backends.default.url",
                            backend.baseUrl()));
            MeterRegistry registry = worker.getBean(MeterRegistry.class);
            UUID failingOnce = bed.submitTask(1, null);
            UUID abandoned = attemptOfAWorkerThatDied(bed);
            try (KafkaProducer<String, String> producer = DispatchRelay.producer(bed.bootstrapServers)) {
                producer.send(new ProducerRecord<>(Topics.dispatchTopic(bed.queueName), "k", "this is not json"))
                        .get();
            }
            bed.startRelay();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bed.count(
                                    "SELECT count(*) FROM tasks WHERE id IN (?, ?) AND status = 'completed'",
                                    failingOnce,
                                    abandoned)
                            == 2);
            await().untilAsserted(() -> {
                assertThat(count(registry, "imagegen.worker.retries", bed.queueName, "failed"))
                        .isEqualTo(1);
                assertThat(count(registry, "imagegen.worker.retries", bed.queueName, "lease_expired"))
                        .isEqualTo(1);
                assertThat(count(registry, "imagegen.worker.rescues", bed.queueName, "lease_expired"))
                        .isEqualTo(1);
                assertThat(count(registry, "imagegen.worker.rescues", bed.queueName, "not_claimed"))
                        .isZero();
                assertThat(count(
                                registry,
                                "imagegen.worker.dead.letters",
                                bed.queueName,
                                "value_is_not_a_queuetaskdispatched"))
                        .isEqualTo(1);
            });

            worker.close();
            assertThat(bed.jdbc
                            .sql("SELECT message FROM system_logs WHERE component = 'generator_worker' ORDER BY id")
                            .query(String.class)
                            .list())
                    .containsExactly("service started", "service stopping");
        }
    }

    /** A running attempt whose worker is gone: its lease ran out a minute ago. */
    private static UUID attemptOfAWorkerThatDied(WorkerTestBed bed) {
        UUID taskId = bed.jdbc
                .sql("INSERT INTO tasks (name, user_id) VALUES ('abandoned', ?) RETURNING id")
                .param(bed.createUser())
                .query(UUID.class)
                .single();
        bed.jdbc.sql("""
                WITH s AS (
                    INSERT INTO subtasks (task_id, status, seed) VALUES (?, 'processing', 7) RETURNING task_id, id)
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id, status, started_at, lease_until, worker_id)
                SELECT ?, task_id, id, 'processing', now(), now() - interval '1 minute', 'worker-gone' FROM s
                """).params(taskId, bed.queueId).update();
        return taskId;
    }

    private static double count(MeterRegistry registry, String name, String queue, String reason) {
        Counter counter =
                registry.find(name).tag("queue", queue).tag("reason", reason).counter();
        assertThat(counter).as(name + " " + reason).isNotNull();
        return counter.count();
    }
}
