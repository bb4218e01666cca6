package dev.imagegen.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagegen.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PoisonRecordTest {

    /** A poison record and what its dead-letter reason must say. */
    private record Poison(String kind, byte[] value, String reason) {
        Poison(String kind, String value, String reason) {
            this(kind, value == null ? null : value.getBytes(StandardCharsets.UTF_8), reason);
        }
    }

    private static final List<Poison> POISONS = List.of(
            new Poison("not JSON", "this is not json", "not a QueueTaskDispatched"),
            new Poison("tombstone (null value)", (String) null, "empty value"),
            new Poison("empty value", "", "empty value"),
            new Poison("blank value", "   ", "empty value"),
            new Poison("JSON array", "[1, 2, 3]", "not a JSON object"),
            new Poison("JSON scalar", "42", "not a JSON object"),
            new Poison("truncated JSON", "{\"schema_version\":1,\"queue_task_id\":", "not a QueueTaskDispatched"),
            new Poison(
                    "missing fields",
                    "{\"schema_version\":1,\"queue_name\":\"x\"}",
                    "queue_task_id missing; subtask_id missing"),
            new Poison("explicit nulls", valid(1, "null"), "subtask_id missing"),
            new Poison(
                    "wrong type",
                    valid(1, "\"abc\"").replace("\"queue_task_id\":1", "\"queue_task_id\":\"x\""),
                    "invalid dispatch record"),
            new Poison("not a UUID", valid(1, "\"not-a-uuid\""), "invalid dispatch record"),
            new Poison("negative id", valid(-5, "\"" + UUID.randomUUID() + "\""), "queue_task_id must be positive"),
            new Poison(
                    "attempt 0",
                    valid(1, "\"" + UUID.randomUUID() + "\"").replace("\"attempt\":1", "\"attempt\":0"),
                    "attempt must be at least 1"),
            new Poison("deeply nested", "[".repeat(5_000) + "]".repeat(5_000), "not a QueueTaskDispatched"),
            new Poison("invalid UTF-8", new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'}, "not a QueueTaskDispatched"),
            new Poison("SQL in a field", valid(1, "\"'; DROP TABLE queue_tasks; --\""), "invalid dispatch record"),
            new Poison("oversized", "{\"junk\":\"" + "x".repeat(600_000) + "\"}", "queue_task_id missing"));

    private static String valid(long queueTaskId, String subtaskId) {
        return """
                {"schema_version":1,"queue_task_id":%d,"subtask_id":%s,"task_id":"%s","queue_id":1,\
                "queue_name":"q","priority":1,"attempt":1}""".formatted(queueTaskId, subtaskId, UUID.randomUUID());
    }

    @Test
    void everyKindOfPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerKeepsGoing() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("poison_record", 3)) {
            bed.createTopic(Topics.DISPATCH_DEAD_LETTER, 3);
            String topic = Topics.dispatchTopic(bed.queueName);
            // One record at a time: a batch sent before the new topic's leader is ready can be
            // appended and still answered NOT_LEADER, and its retry then fails forever as out of order.
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bed.bootstrapServers,
                            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                            1),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                for (Poison poison : POISONS) {
                    // Same key, so the same partition as the good record that follows.
                    producer.send(new ProducerRecord<>(topic, "k", poison.value()))
                            .get();
                }
                // Well formed but naming an attempt that does not exist: skipped, not dead-lettered.
                String unknown = valid(987_654_321L, "\"" + UUID.randomUUID() + "\"");
                producer.send(new ProducerRecord<>(topic, "k", unknown.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            UUID taskId = bed.submitTask(1, null);
            bed.startWorker("worker-a", Map.of("imagegen.worker.backends.default.latency", "10ms"));
            bed.startRelay();

            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            bed.count("SELECT count(*) FROM tasks WHERE id = ? AND status = 'completed'", taskId) == 1);

            List<String> reasons = new CopyOnWriteArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bed.bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "dlt-reader-" + bed.queueName,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                    2_000_000,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class))) {
                consumer.subscribe(List.of(Topics.DISPATCH_DEAD_LETTER));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (topic.equals(header(record, "kafka_dlt-original-topic"))) {
                            reasons.add(header(record, "kafka_dlt-exception-message"));
                        }
                    }
                    assertThat(reasons).hasSize(POISONS.size());
                });
            }
            // In partition order, each with its own reason; the valid record behind them was generated.
            for (int i = 0; i < POISONS.size(); i++) {
                assertThat(reasons.get(i))
                        .as(POISONS.get(i).kind())
                        .contains(POISONS.get(i).reason());
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
