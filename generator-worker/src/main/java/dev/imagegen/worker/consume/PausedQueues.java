package dev.imagegen.worker.consume;

import dev.imagegen.worker.metrics.WorkerMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Partitions parked because their queue could not take a claim, by queue name, and the resume
 * signals that wake them. Synchronized: pauses come from consumer threads, resumes from the
 * notification listener and from finished generations.
 */
@Component
public class PausedQueues {

    private record Parked(MessageListenerContainer container, TopicPartition partition) {}

    private final Map<String, Set<Parked>> parked = new HashMap<>();
    private final Map<String, Long> signals = new HashMap<>();
    private final WorkerMetrics metrics;

    PausedQueues(WorkerMetrics metrics) {
        this.metrics = metrics;
    }

    /** How often {@code queue} was signalled so far; read before a claim, checked at the pause. */
    synchronized long signalCount(String queue) {
        return signals.getOrDefault(queue, 0L);
    }

    /** Parks the partitions; resumes them at once if the queue was signalled since {@code signalSeen}. */
    synchronized void pause(
            String queue, Collection<TopicPartition> partitions, MessageListenerContainer container, long signalSeen) {
        Set<Parked> set = parked.computeIfAbsent(queue, q -> new HashSet<>());
        for (TopicPartition partition : partitions) {
            container.pausePartition(partition);
            set.add(new Parked(container, partition));
        }
        if (signalCount(queue) != signalSeen) {
            resume(queue);
        }
    }

    /** A slot of {@code queue} may be free: its parked partitions are read again. */
    public synchronized void resume(String queue) {
        signals.merge(queue, 1L, Long::sum);
        Set<Parked> set = parked.remove(queue);
        if (set != null && !set.isEmpty()) {
            metrics.slotFreed(queue);
            set.forEach(p -> p.container().resumePartition(p.partition()));
        }
    }

    /** Every parked queue is tried again (a fallback for missed notifications and worker capacity). */
    public synchronized void resumeAll() {
        List.copyOf(parked.keySet()).forEach(this::resume);
    }

    synchronized boolean isParked(String queue) {
        return parked.containsKey(queue);
    }
}
