package dev.imagegen.worker.consume;

import dev.imagegen.events.Topics;
import dev.imagegen.worker.metrics.CountedDeadLetters;
import dev.imagegen.worker.metrics.WorkerMetrics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/** The dead-letter topic for unreadable dispatch records, and the recoverer that publishes to it. */
@Configuration(proxyBeanMethods = false)
class DispatchKafkaConfig {

    @Bean
    NewTopic dispatchDeadLetterTopic() {
        return TopicBuilder.name(Topics.DISPATCH_DEAD_LETTER).partitions(3).build();
    }

    /**
     * Spring Kafka's recoverer: the original record, with its topic, offset and the reason in
     * headers; each one published is counted.
     */
    @Bean
    DeadLetterPublishingRecoverer dispatchDeadLetters(KafkaTemplate<?, ?> template, WorkerMetrics metrics) {
        // Partition -1: the producer picks one, whatever the source partition was.
        return new CountedDeadLetters(
                template, (record, e) -> new TopicPartition(Topics.DISPATCH_DEAD_LETTER, -1), metrics);
    }
}
