package dev.imagegen.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code ./imagegen events [topic regex]}: prints every record of the matching topics from the
 * beginning, with key and CloudEvents headers, until Ctrl-C. A console consumer for a machine
 * that has the broker only as Maven jars.
 */
public final class TopicTail {

    private TopicTail() {}

    public static void main(String[] args) {
        String pattern = args.length > 0 ? args[0] : "imagegen\\..*";
        String bootstrap = System.getenv().getOrDefault("IMAGEGEN_KAFKA_BOOTSTRAP", "localhost:9092");
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "imagegen-events-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(Pattern.compile(pattern));
            System.err.println("Reading " + pattern + " from " + bootstrap + " (Ctrl-C stops)");
            while (true) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder headers = new StringBuilder();
                    for (Header header : record.headers()) {
                        headers.append(' ')
                                .append(header.key())
                                .append('=')
                                .append(new String(header.value(), StandardCharsets.UTF_8));
                    }
                    System.out.printf(
                            "%s[%d]@%d key=%s%s%n  %s%n",
                            record.topic(), record.partition(), record.offset(), record.key(), headers, record.value());
                }
            }
        }
    }
}
