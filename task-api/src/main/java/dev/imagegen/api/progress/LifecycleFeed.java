package dev.imagegen.api.progress;

import dev.imagegen.events.SubtaskStatusChanged;
import dev.imagegen.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The one listener of this instance: reads the lifecycle topic {@code imagegen.task-events} from its end, on every
 * partition, without a consumer group (each instance needs every event and none needs to resume), and tells {@link
 * LiveStreams} which subtasks changed. Why this and not a per-stream poll, LISTEN/NOTIFY or a poll of subtasks by
 * {@code updated_at}:
 * <ul>
 *   <li>the status-change triggers already write one logical message per statement (V053) and the dispatcher already
 *       publishes it: following the topic adds nothing to the workers' settle transactions;
 *   <li>a {@code NOTIFY} from those transactions takes a database-wide lock at commit that serializes every notifying
 *       commit, on the product's hot path;
 *   <li>subtasks carry no index on {@code updated_at} (V075 keeps their status updates HOT): finding a task's
 *       changed subtasks by time reads all of its rows, up to 10,000 per task per tick, and an index would make every
 *       settle write it.
 * </ul>
 * The events only name what changed; {@link LiveReads} reads the current rows in one query per tick, so a late or
 * duplicated event never shows an old state. Ratings and evaluations do not change a status: task-api writes them
 * and says so itself ({@link SubtaskTouched}).
 */
@Component
class LifecycleFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LifecycleFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final LiveStreams streams;
    private final LiveProperties properties;
    private final ObjectMapper json;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile Thread reader;
    private volatile boolean running;
    private volatile boolean following;

    LifecycleFeed(LiveStreams streams, LiveProperties properties, ObjectMapper json) {
        this.streams = streams;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public void start() {
        if (properties.kafkaBootstrap().isBlank()) {
            log.warn("No Kafka for imagegen.task-events (imagegen.api.live.kafka-bootstrap): task streams send"
                    + " progress and this instance's own subtask changes only");
            return;
        }
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        properties.kafkaBootstrap(),
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "imagegen-task-api-live",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest"),
                new StringDeserializer(),
                new StringDeserializer());
        running = true;
        reader = Thread.ofPlatform().name("lifecycle-feed").daemon().start(this::read);
    }

    private void read() {
        try {
            assignAll();
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    accept(record.value());
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException e) {
            log.error("The lifecycle feed stopped; task streams send progress only", e);
        } finally {
            following = false;
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
    }

    /** Every partition of the topic, from its end; waits for the topic, which the dispatcher creates. */
    private void assignAll() {
        List<PartitionInfo> partitions = List.of();
        while (running && partitions.isEmpty()) {
            try {
                partitions = consumer.partitionsFor(Topics.TASK_EVENTS, Duration.ofSeconds(5));
            } catch (TimeoutException notYet) {
                log.debug("Waiting for {}: {}", Topics.TASK_EVENTS, notYet.getMessage());
            }
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(consumer::position);
        following = true;
        log.info("Following {} ({} partitions) for the task streams", Topics.TASK_EVENTS, assigned.size());
    }

    private void accept(String value) {
        try {
            JsonNode event = json.readTree(value);
            if (SubtaskStatusChanged.TYPE.equals(event.path("type").asString(""))) {
                streams.touched(
                        UUID.fromString(event.path("task_id").asString()),
                        UUID.fromString(event.path("subtask_id").asString()));
            }
        } catch (RuntimeException unreadable) {
            log.debug("Skipped a lifecycle record: {}", unreadable.getMessage());
        }
    }

    /** Whether every partition is assigned and positioned, so no later event is missed. */
    boolean following() {
        return following;
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
