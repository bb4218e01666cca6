package dev.imagegen.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a dispatch topic in its own consumer group (beside the workers') and keeps each
 * record's timestamp by queue_task id: the time the dispatcher handed the event to Kafka, which
 * splits submit -> claim into its stages.
 */
final class DispatchObserver implements AutoCloseable {

    private static final Pattern QUEUE_TASK_ID = Pattern.compile("\"queue_task_id\"\\s*:\\s*(\\d+)");

    private final KafkaConsumer<String, String> consumer;
    private final Map<Long, Long> recordMillis = new ConcurrentHashMap<>();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Thread thread;

    DispatchObserver(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "imagegen-bench-observer-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                "10",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()));
        thread = new Thread(() -> run(topic), "dispatch-observer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String topic) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        partitions.forEach(consumer::position); // fixes the start at the current end
                        assigned.countDown();
                    }
                }
            });
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Matcher id = QUEUE_TASK_ID.matcher(record.value() == null ? "" : record.value());
                    if (id.find()) {
                        recordMillis.putIfAbsent(Long.parseLong(id.group(1)), record.timestamp());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() was called
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Waits until the topic's partitions are assigned and positioned, so no later record is missed. */
    void awaitAssigned(Duration timeout) throws InterruptedException {
        if (!assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the observer got no partition within " + timeout);
        }
    }

    /** The record timestamp (ms since the epoch) of a queue_task's dispatch event, or null if not seen. */
    Long recordMillis(long queueTaskId) {
        return recordMillis.get(queueTaskId);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5000);
    }
}
