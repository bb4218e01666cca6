package dev.imagegen.dispatcher;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dispatcher, under {@code imagegen.dispatcher}. Latency defaults were chosen by
 * the benchmark in {@code DispatchLatencyBenchmark}.
 *
 * @param name engine name and key of its offsets in {@code dispatcher_offsets} (default
 *     {@code imagegen-dispatcher}); instances that take over from each other share it
 * @param slotName logical replication slot (default {@code imagegen_dispatcher}); one per database
 * @param publicationName publication created by migration V051 (default {@code imagegen_dispatch})
 * @param pollInterval how long the engine waits for new changes when idle (default 10 ms)
 * @param maxBatchSize most change events handed over in one batch (default 2048)
 * @param maxQueueSize change events buffered between decoding and publishing (default 8192)
 * @param offsetFlushInterval how often acknowledged offsets are saved and the slot advanced
 *     (default 1 s); what a crash may deliver twice
 * @param heartbeatInterval heartbeat that lets the slot advance while nothing is captured (default 10 s)
 * @param topicPartitions partitions of topics the dispatcher creates (default 6)
 * @param topicReplicationFactor replication factor of topics the dispatcher creates (default 1)
 * @param leaderLockKey PostgreSQL advisory lock key that elects the one active instance
 * @param standbyPollInterval how often a standby tries the lock and the leader checks it (default 1 s)
 * @param retryBackoff pause before publishing again after Kafka refused or timed out (default 1 s)
 * @param sampleInterval how often the queues' backlog and the slot's lag are read for the gauges
 *     (default 10 s); also the resolution of the slot's lag in seconds when the server is idle
 * @param admissionInterval how often the leader admits work that no completion clocks: rates, idle
 *     queues, raised limits, resumed queues (default 250 ms); bounds how long a live change takes
 */
@ConfigurationProperties("imagegen.dispatcher")
public record DispatcherProperties(
        @DefaultValue("imagegen-dispatcher") String name,
        @DefaultValue("imagegen_dispatcher") String slotName,
        @DefaultValue("imagegen_dispatch") String publicationName,
        @DefaultValue("10ms") Duration pollInterval,
        @DefaultValue("2048") int maxBatchSize,
        @DefaultValue("8192") int maxQueueSize,
        @DefaultValue("1s") Duration offsetFlushInterval,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("6") int topicPartitions,
        @DefaultValue("1") short topicReplicationFactor,
        @DefaultValue("7343001") long leaderLockKey,
        @DefaultValue("1s") Duration standbyPollInterval,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("10s") Duration sampleInterval,
        @DefaultValue("250ms") Duration admissionInterval) {}
