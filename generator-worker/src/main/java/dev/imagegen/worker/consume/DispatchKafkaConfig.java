package dev.imagegen.worker.consume;

import dev.imagegen.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
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
}
