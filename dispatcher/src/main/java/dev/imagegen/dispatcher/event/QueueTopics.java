package dev.imagegen.dispatcher.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Creates, when missing, the topic of every queue in task_queues and the dispatcher's other topics. */
@Component
public class QueueTopics {

    private static final Logger log = LoggerFactory.getLogger(QueueTopics.class);

    private final QueueDirectory queues;
    private final TopicProvisioner topics;

    QueueTopics(QueueDirectory queues, TopicProvisioner topics) {
        this.queues = queues;
        this.topics = topics;
    }

    /**
     * Best effort: when Kafka is unreachable now, publishing creates the topics it needs once
     * Kafka is back, so starting never waits for Kafka.
     */
    public void createMissing() {
        try {
            topics.ensureFor(queues.reload().values());
        } catch (KafkaUnavailableException e) {
            log.warn("Topics not created at start, will be on first use: {}", e.getMessage());
        }
    }
}
