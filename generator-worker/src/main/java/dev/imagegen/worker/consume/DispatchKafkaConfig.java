package dev.imagegen.worker.consume;

import dev.imagegen.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/** The listener's error handling: parking for busy queues, the dead-letter topic for unreadable records. */
@Configuration(proxyBeanMethods = false)
class DispatchKafkaConfig {

    @Bean
    NewTopic dispatchDeadLetterTopic() {
        return TopicBuilder.name(Topics.DISPATCH_DEAD_LETTER).partitions(3).build();
    }

    @Bean
    DispatchErrorHandler dispatchErrorHandler(KafkaTemplate<?, ?> template, PausedQueues paused) {
        // Partition -1: the producer picks one, whatever the source partition was.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(Topics.DISPATCH_DEAD_LETTER, -1));
        return new DispatchErrorHandler(recoverer, paused);
    }

    /**
     * Offsets are committed asynchronously. Parked partitions are resumed from other threads (a slot
     * notification, a finished generation), and the container wakes the consumer to apply that at
     * once. With synchronous commits, a commit refused during a rebalance is retried right after the
     * next poll, still inside the container's polling window; a wake-up landing there throws out of
     * that retry and the records the poll had just returned are dropped while the consumer's position
     * has already moved past them, so they are committed unprocessed. The chaos run lost 159 attempts
     * that way. An asynchronous commit is never retried there, so nothing blocks in that window; a
     * commit lost to a rebalance only means some records are read again, which a claim turns away.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asynchronousCommits() {
        return container -> container.getContainerProperties().setSyncCommits(false);
    }
}
