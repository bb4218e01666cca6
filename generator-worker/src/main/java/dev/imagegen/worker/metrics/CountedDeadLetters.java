package dev.imagegen.worker.metrics;

import dev.imagegen.events.Topics;
import java.util.Locale;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Spring Kafka's dead-letter recoverer, counting every record it published
 * ({@code imagegen_worker_dead_letters_total}) by the queue of its topic and a reason: the
 * exception's message up to its first colon, as a label ({@code empty_value},
 * {@code invalid_dispatch_record}, ...). A publish that fails throws and is not counted.
 */
public class CountedDeadLetters extends DeadLetterPublishingRecoverer {

    private static final int MAX_REASON_LENGTH = 40;

    private final WorkerMetrics metrics;

    public CountedDeadLetters(
            KafkaOperations<?, ?> template,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination,
            WorkerMetrics metrics) {
        super(template, destination);
        this.metrics = metrics;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        super.accept(record, consumer, exception);
        metrics.deadLettered(queueOf(record.topic()), reasonOf(exception));
    }

    static String queueOf(String topic) {
        return topic.startsWith(Topics.DISPATCH_PREFIX) ? topic.substring(Topics.DISPATCH_PREFIX.length()) : topic;
    }

    static String reasonOf(Exception exception) {
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        int colon = message.indexOf(':');
        String reason = (colon < 0 ? message : message.substring(0, colon))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "");
        if (reason.isEmpty()) {
            return "unknown";
        }
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
    }
}
