package dev.imagegen.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** The worker's meters, named {@code imagegen.worker.*}, tagged by queue where that helps. */
@Component
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /** When this worker last woke a queue's parked partitions (nanoTime), until its next claim there. */
    private final ConcurrentMap<String, Long> slotFreedAt = new ConcurrentHashMap<>();

    private final Counter leaseExpiries;

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.leaseExpiries = Counter.builder("imagegen.worker.lease.expiries")
                .description("Running attempts whose lease expired and were rescued")
                .register(registry);
    }

    /** One claim answered with {@code outcome}. */
    public void claimed(String queue, String outcome) {
        registry.counter("imagegen.worker.claims", "queue", queue, "outcome", outcome)
                .increment();
        if ("claimed".equals(outcome)) {
            Long freedAt = slotFreedAt.remove(queue);
            if (freedAt != null) {
                Timer.builder("imagegen.worker.slot.handoff")
                        .description("From the latest wake-up of a parked queue to this worker's next claim in it")
                        .tag("queue", queue)
                        .publishPercentiles(0.5, 0.99)
                        .register(registry)
                        .record(Duration.ofNanos(System.nanoTime() - freedAt));
            }
        }
    }

    /** One finished generation reported with {@code outcome} (completed, cancelled, lost). */
    public void completed(String queue, String outcome) {
        registry.counter("imagegen.worker.completions", "queue", queue, "outcome", outcome)
                .increment();
    }

    /** One settle transaction of {@code queue}: how many generations it reported and attempts it tried to claim. */
    public void settled(String queue, int completions, int claims, long startedNanos) {
        io.micrometer.core.instrument.DistributionSummary.builder("imagegen.worker.settle.completions")
                .description("Finished generations reported per settle transaction")
                .tag("queue", queue)
                .register(registry)
                .record(completions);
        io.micrometer.core.instrument.DistributionSummary.builder("imagegen.worker.settle.claims")
                .description("Attempts tried per settle transaction")
                .tag("queue", queue)
                .register(registry)
                .record(claims);
        Timer.builder("imagegen.worker.settle")
                .description("One settle transaction: report finished generations, claim the next attempts")
                .tag("queue", queue)
                .publishPercentiles(0.5, 0.99)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** A slot of {@code queue} freed while this worker had records waiting for it. */
    public void slotFreed(String queue) {
        slotFreedAt.put(queue, System.nanoTime());
    }

    public void generationStarted(String queue) {
        inFlightOf(queue).incrementAndGet();
    }

    public void generationEnded(String queue, String outcome, long startedNanos) {
        inFlightOf(queue).decrementAndGet();
        Timer.builder("imagegen.worker.generation")
                .description("Generation time, from claim to report")
                .tags("queue", queue, "outcome", outcome)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    public void leaseExpiries(int count) {
        leaseExpiries.increment(count);
    }

    /**
     * What one sweep did in a queue: {@code imagegen_worker_rescues_total} (reason lease_expired or
     * not_claimed) or {@code imagegen_worker_retries_total} (the retry of an attempt whose lease
     * expired, or of one a worker reported failed, dispatched once due). Counted by the worker whose
     * sweep did it: sum over workers.
     */
    public void swept(String queue, String kind, String reason, int count) {
        Counter.builder("imagegen.worker." + kind)
                .description(
                        kind.equals("rescues")
                                ? "Attempts the sweeper rescued: lease expired, or never claimed"
                                : "Retries dispatched once due, by the reason of the failed attempt")
                .tags("queue", queue, "reason", reason)
                .register(registry)
                .increment(count);
    }

    /** A dispatch record of {@code queue} published to the dead-letter topic, unreadable for {@code reason}. */
    public void deadLettered(String queue, String reason) {
        registry.counter("imagegen.worker.dead.letters", "queue", queue, "reason", reason)
                .increment();
    }

    private AtomicInteger inFlightOf(String queue) {
        return inFlight.computeIfAbsent(
                queue,
                q -> registry.gauge(
                        "imagegen.worker.in_flight",
                        io.micrometer.core.instrument.Tags.of("queue", q),
                        new AtomicInteger()));
    }
}
