package dev.imagegen.dispatcher.event;

import dev.imagegen.dispatcher.DispatcherProperties;
import dev.imagegen.events.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.stereotype.Component;

/** Creates the topics the dispatcher writes to when they are missing; remembers those that exist. */
@Component
class TopicProvisioner {

    private final Admin admin;
    private final DispatcherProperties properties;
    private final Set<String> existing = ConcurrentHashMap.newKeySet();

    TopicProvisioner(Admin dispatcherAdmin, DispatcherProperties properties) {
        this.admin = dispatcherAdmin;
        this.properties = properties;
    }

    /** The lifecycle and dead-letter topics plus one dispatch topic per queue. */
    void ensureFor(Collection<String> queueNames) throws KafkaUnavailableException {
        List<String> topics = new java.util.ArrayList<>(List.of(Topics.TASK_EVENTS, Topics.DISPATCHER_DEAD_LETTER));
        queueNames.forEach(name -> topics.add(Topics.dispatchTopic(name)));
        ensure(topics);
    }

    void ensure(Collection<String> topics) throws KafkaUnavailableException {
        List<String> missing =
                topics.stream().filter(t -> !existing.contains(t)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            Set<String> listed = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> toCreate = missing.stream()
                    .filter(t -> !listed.contains(t))
                    .map(t -> new NewTopic(t, properties.topicPartitions(), properties.topicReplicationFactor()))
                    .toList();
            for (var result : admin.createTopics(toCreate).values().values()) {
                try {
                    result.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            existing.addAll(missing);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException("Cannot create topics " + missing, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while creating topics", e);
        }
    }
}
