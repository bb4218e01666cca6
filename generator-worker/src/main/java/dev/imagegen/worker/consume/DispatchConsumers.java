package dev.imagegen.worker.consume;

import dev.imagegen.worker.WorkerProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * The worker's Kafka consumers ({@code consumers} of them, one thread each, one group for every
 * instance), made by Spring Kafka's consumer factory from {@code spring.kafka.consumer.*}. They stop
 * first on shutdown: claims end, the offsets of finished records are committed, and records still
 * waiting in memory are left to be read again by another instance.
 */
@Component
class DispatchConsumers implements SmartLifecycle {

    private final WorkerProperties properties;
    private final ConsumerFactory<?, ?> factory;
    private final DispatchRecordParser parser;
    private final QueueLanes lanes;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final List<DispatchConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    DispatchConsumers(
            WorkerProperties properties,
            ConsumerFactory<?, ?> factory,
            DispatchRecordParser parser,
            QueueLanes lanes,
            DeadLetterPublishingRecoverer deadLetters) {
        this.properties = properties;
        this.factory = factory;
        this.parser = parser;
        this.lanes = lanes;
        this.deadLetters = deadLetters;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void start() {
        Pattern topics = Pattern.compile(properties.topicPattern());
        for (int i = 0; i < properties.consumers(); i++) {
            Consumer<String, String> consumer = (Consumer<String, String>)
                    factory.createConsumer(properties.groupId(), properties.id() + "-", Integer.toString(i));
            DispatchConsumer dispatch = new DispatchConsumer(
                    consumer, topics, parser, lanes, deadLetters, properties.prefetch(), properties.commitInterval());
            consumers.add(dispatch);
            threads.add(Thread.ofPlatform().name("dispatch-consumer-" + i).start(dispatch));
        }
        lanes.onLowWater(() -> consumers.forEach(DispatchConsumer::wakeup));
        running = true;
    }

    @Override
    public synchronized void stop() {
        lanes.stopClaiming();
        consumers.forEach(DispatchConsumer::stop);
        for (Thread thread : threads) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumers.clear();
        threads.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the generation runner and the lanes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
