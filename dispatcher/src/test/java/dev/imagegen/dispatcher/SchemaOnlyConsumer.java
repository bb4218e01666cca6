package dev.imagegen.dispatcher;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer as another team would write it: plain kafka-clients, the published JSON Schema
 * files, and none of this project's classes. It reads every dispatch topic and the lifecycle
 * topic, validates each value against its schema and keeps what it read.
 */
final class SchemaOnlyConsumer implements AutoCloseable {

    /** What the consumer read: topic, key, CloudEvents type, value, and the schema's complaints. */
    record Received(String topic, String key, String type, String value, List<String> schemaErrors) {}

    private final KafkaConsumer<String, String> consumer;
    private final Schema dispatchSchema = schema("contract/queue-task-dispatched.v1.schema.json");
    private final Schema taskEventsSchema = schema("contract/task-events.v1.schema.json");
    private final List<Received> received = new ArrayList<>();

    SchemaOnlyConsumer(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "other-team-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                "500",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(Pattern.compile("imagegen\\.queue\\.[a-z0-9_]+|imagegen\\.task-events"));
    }

    List<Received> poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            Schema schema = record.topic().equals("imagegen.task-events") ? taskEventsSchema : dispatchSchema;
            List<String> errors = schema.validate(record.value(), InputFormat.JSON).stream()
                    .map(Object::toString)
                    .toList();
            var type = record.headers().lastHeader("ce_type");
            received.add(new Received(
                    record.topic(),
                    record.key(),
                    type == null ? null : new String(type.value(), StandardCharsets.UTF_8),
                    record.value(),
                    errors));
        }
        return List.copyOf(received);
    }

    private static Schema schema(String resource) {
        try (InputStream in = SchemaOnlyConsumer.class.getClassLoader().getResourceAsStream(resource)) {
            return SchemaRegistry.withDefaultDialect(
                            SpecificationVersion.DRAFT_2020_12,
                            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                    .formatAssertionsEnabled(true)
                                    .build()))
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
