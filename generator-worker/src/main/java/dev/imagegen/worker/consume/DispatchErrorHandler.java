package dev.imagegen.worker.consume;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Spring Kafka's error handler with one addition: a record whose queue cannot take it now
 * ({@link QueueBusyException}) parks the queue's partitions and is read again after a resume,
 * without counting as a failure. Unreadable records go straight to the recoverer (the dead-letter
 * topic); other errors (the database briefly away) are retried with back-off first.
 */
class DispatchErrorHandler extends DefaultErrorHandler {

    private final PausedQueues paused;

    DispatchErrorHandler(ConsumerRecordRecoverer recoverer, PausedQueues paused) {
        super(recoverer, backOff());
        this.paused = paused;
        addNotRetryableExceptions(InvalidDispatchRecordException.class);
    }

    private static ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(60_000);
        return backOff;
    }

    @Override
    public void handleRemaining(
            Exception thrown,
            List<ConsumerRecord<?, ?>> records,
            Consumer<?, ?> consumer,
            MessageListenerContainer container) {
        QueueBusyException busy = busyCause(thrown);
        if (busy == null) {
            super.handleRemaining(thrown, records, consumer, container);
            return;
        }
        // Read the first unprocessed record of every partition again once resumed.
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (ConsumerRecord<?, ?> record : records) {
            firstOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        firstOffsets.forEach(consumer::seek);
        String topic = records.getFirst().topic();
        Set<TopicPartition> ofTopic = container.getAssignedPartitions().stream()
                .filter(tp -> tp.topic().equals(topic))
                .collect(Collectors.toSet());
        ofTopic.add(new TopicPartition(topic, records.getFirst().partition()));
        paused.pause(busy.queueName(), ofTopic, container, busy.signalSeen());
        // Thrown so the container does not commit the record it handed us.
        throw new KafkaException(busy.getMessage(), KafkaException.Level.TRACE, null);
    }

    private static QueueBusyException busyCause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof QueueBusyException busy) {
                return busy;
            }
        }
        return null;
    }
}
