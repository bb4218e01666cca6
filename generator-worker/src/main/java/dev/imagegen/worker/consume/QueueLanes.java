package dev.imagegen.worker.consume;

import dev.imagegen.worker.WorkerProperties;
import dev.imagegen.worker.claim.QueueTaskClaims;
import dev.imagegen.worker.generation.GenerationRunner;
import dev.imagegen.worker.metrics.WorkerMetrics;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * This worker's {@link QueueLane}s, one per queue it has seen a record of. Closed by
 * {@link LanesShutdown} after the consumers stopped reading and the running generations ended, so
 * every finished generation is reported before the worker exits.
 */
@Component
class QueueLanes {

    private final ConcurrentMap<String, QueueLane> lanes = new ConcurrentHashMap<>();
    private final WorkerProperties properties;
    private final QueueTaskClaims claims;
    private final GenerationRunner runner;
    private final WorkerMetrics metrics;
    private volatile Runnable lowWater = () -> {};

    QueueLanes(WorkerProperties properties, QueueTaskClaims claims, GenerationRunner runner, WorkerMetrics metrics) {
        this.properties = properties;
        this.claims = claims;
        this.runner = runner;
        this.metrics = metrics;
    }

    QueueLane lane(String queue) {
        return lanes.computeIfAbsent(queue, q -> new QueueLane(q, properties, claims, runner, metrics, this));
    }

    /** What to run when a lane's backlog falls low (the consumers resume their paused partitions). */
    void onLowWater(Runnable action) {
        this.lowWater = action;
    }

    void lowWater() {
        lowWater.run();
    }

    /** A notification for {@code queue}: a slot freed, the limit rose or the queue was resumed. */
    void slotFreed(String queue) {
        QueueLane lane = lanes.get(queue);
        if (lane != null) {
            lane.slotFreed();
        }
    }

    /** Tries every queue again (the fallback for a missed notification). */
    void signalAll() {
        lanes.values().forEach(QueueLane::signal);
    }

    /** This worker has room for another generation: lanes that wait only for that try again. */
    void roomFreed(QueueLane from) {
        for (QueueLane lane : lanes.values()) {
            if (lane != from && lane.waitsForRoom()) {
                lane.signal();
            }
        }
    }

    /** Forgets waiting records of revoked partitions. */
    void drop(Predicate<Parked> which) {
        lanes.values().forEach(lane -> lane.drop(which));
    }

    /** No further claims; finished generations are still reported. */
    void stopClaiming() {
        lanes.values().forEach(QueueLane::stopClaiming);
    }

    /** Reports what is still finished and stops every lane. */
    void close() {
        for (QueueLane lane : List.copyOf(lanes.values())) {
            try {
                lane.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
