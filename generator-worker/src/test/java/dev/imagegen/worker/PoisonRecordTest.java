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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class PoisonRecordTest {

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicWithTheReasonAndTheConsumerKeepsGoing() throws Exception {
        try (WorkerTestBed bed = new WorkerTestBed("poison_record", 3)) {
            bed.createTopic(Topics.DISPATCH_DEAD_LETTER, 3);
            String topic = Topics.dispatchTopic(bed.queueName);
            try (KafkaProducer<String, String> producer = DispatchRelay.producer(bed.bootstrapServers)) {
                // Same key, so the same partition as the good record that follows.
                producer.send(new ProducerRecord<>(topic, "k", "this is not json"));
                producer.send(new ProducerRecord<>(topic, "k", "{\"schema_version\":1,\"queue_name\":\"x\"}"));
            }
            UUID taskId = bed.submitTask(1, null);
            bed.startWorker("worker-a", Map.of("imagegen.worker.backends.default.latency", "10ms"));
            bed.startRelay();

            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            bed.count("SELECT count(*) FROM tasks WHERE id = ? AND status = 'completed'", taskId) == 1);

            List<String> deadLetters = new CopyOnWriteArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bed.bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + bed.queueName,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of(Topics.DISPATCH_DEAD_LETTER));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (topic.equals(header(record, "kafka_dlt-original-topic"))) {
                            deadLetters.add(record.value() + " | " + header(record, "kafka_dlt-exception-message"));
                        }
                    }
                    assertThat(deadLetters).hasSize(2);
                });
            }
            assertThat(deadLetters.get(0)).startsWith("this is not json | ").contains("not a QueueTaskDispatched");
            assertThat(deadLetters.get(1)).contains("queue_task_id missing", "subtask_id missing");
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
