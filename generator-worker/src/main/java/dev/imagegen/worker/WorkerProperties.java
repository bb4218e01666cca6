package dev.imagegen.worker;

import dev.imagegen.events.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How one worker instance consumes and runs work ({@code imagegen.worker.*}).
 *
 * @param id this instance's worker id, written to claimed attempts (default: a random one)
 * @param topicPattern the dispatch topics to consume (default: every {@code imagegen.queue.<name>})
 * @param groupId the Kafka consumer group all instances share (default {@code imagegen-generator-worker})
 * @param consumers Kafka consumers (threads) in this instance (default 2)
 * @param maxInFlight generations this instance runs at once, over all queues (default 64)
 * @param lease how long a claim holds without renewal (default 30s)
 * @param leaseRenewal how often a running generation renews its lease (default 10s)
 * @param resumeFallback a paused queue is retried at least this often even without a notification (default 1s)
 * @param shutdownTimeout how long shutdown waits for running generations before releasing them (default 20s)
 * @param sweepInterval how often the sweeper runs (default 250ms)
 * @param unclaimedTimeout a pending attempt not claimed for this long is dispatched again (default 15m)
 * @param batchSize attempts claimed or reported in one transaction at most (default 64)
 * @param prefetch dispatch records of one queue held in memory before its partitions are paused (default 256)
 * @param commitInterval how often finished records' offsets are committed (default 100ms)
 * @param circuitExpiry how long an open circuit's row in {@code endpoint_circuits} counts without
 *     being rewritten; the worker rewrites it every third of this while the circuit stays open, so a
 *     worker that died leaves no open circuit on the queues page for longer than this (default 60s)
 */
@ConfigurationProperties("imagegen.worker")
public record WorkerProperties(
        String id,
        @DefaultValue(Topics.DISPATCH_PATTERN) String topicPattern,
        @DefaultValue("imagegen-generator-worker") String groupId,
        @DefaultValue("2") int consumers,
        @DefaultValue("64") int maxInFlight,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration leaseRenewal,
        @DefaultValue("1s") Duration resumeFallback,
        @DefaultValue("20s") Duration shutdownTimeout,
        @DefaultValue("250ms") Duration sweepInterval,
        @DefaultValue("15m") Duration unclaimedTimeout,
        @DefaultValue("64") int batchSize,
        @DefaultValue("256") int prefetch,
        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("60s") Duration circuitExpiry) {

    public WorkerProperties {
        if (id == null || id.isBlank()) {
            id = "worker-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
