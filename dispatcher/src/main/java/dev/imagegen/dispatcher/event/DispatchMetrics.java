package dev.imagegen.dispatcher.event;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's meters: {@code imagegen.dispatcher.events} (records acknowledged, per topic),
 * {@code imagegen.dispatcher.commit.to.ack} (from the source transaction's commit to Kafka's
 * acknowledgement, a histogram) and {@code imagegen.dispatcher.errors} (per kind).
 */
@Component
public class DispatchMetrics {

    private final MeterRegistry registry;
    private final Timer commitToAck;
    private final Map<String, Counter> dispatched = new ConcurrentHashMap<>();

    DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.commitToAck = Timer.builder("imagegen.dispatcher.commit.to.ack")
                .description("From the commit of the source transaction to Kafka's acknowledgement")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.95, 0.99)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    void acknowledged(String topic, long committedAtMillis, long ackedAtMillis) {
        dispatched
                .computeIfAbsent(
                        topic,
                        t -> Counter.builder("imagegen.dispatcher.events")
                                .description("Records published and acknowledged")
                                .tag("topic", t)
                                .register(registry))
                .increment();
        if (committedAtMillis > 0) {
            commitToAck.record(Duration.ofMillis(Math.max(0, ackedAtMillis - committedAtMillis)));
        }
    }

    void error(String kind) {
        Counter.builder("imagegen.dispatcher.errors")
                .description("Failed publish attempts and unmappable change events")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    /** The commit-to-ack timer, for the benchmark. */
    public Timer commitToAck() {
        return commitToAck;
    }
}
