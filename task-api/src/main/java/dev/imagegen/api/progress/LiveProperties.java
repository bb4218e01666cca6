package dev.imagegen.api.progress;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the live task streams are fed ({@code imagegen.api.live.*}).
 *
 * @param kafkaBootstrap the Kafka brokers carrying {@code imagegen.task-events}; empty (the default when neither
 *     {@code IMAGEGEN_KAFKA_BOOTSTRAP} nor {@code spring.kafka.bootstrap-servers} is set) leaves the streams with
 *     progress and this application's own subtask changes only
 * @param tick how often changed subtasks are read and sent: at most one subtasks event per stream per tick
 *     (default 250ms)
 * @param progressEvery how often the watched tasks' counters are read, in one query for all of them (default 500ms)
 * @param finishGrace how long a stream stays open after its task finished, for the last subtask changes still on
 *     their way through the lifecycle topic (default 2s)
 * @param streamFor longest life of one stream; the page opens another (default 30m)
 */
@ConfigurationProperties("imagegen.api.live")
record LiveProperties(
        @DefaultValue("") String kafkaBootstrap,
        @DefaultValue("250ms") Duration tick,
        @DefaultValue("500ms") Duration progressEvery,
        @DefaultValue("2s") Duration finishGrace,
        @DefaultValue("30m") Duration streamFor) {}
