package dev.imagegen.api.maintenance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Database housekeeping ({@code imagegen.maintenance.*}).
 *
 * @param enabled whether the housekeeping runs at all (default true)
 * @param interval time between runs (default 1h); also runs once at start
 * @param monthsAhead monthly log partitions kept created ahead of now (default 3)
 * @param logRetention log partitions whose month ended longer ago are dropped (default 180 days)
 * @param triggerLogRetention trigger_logs rows older than this are deleted (default 30 days)
 * @param queueTaskRetention finished queue_tasks rows (attempts) that finished longer ago are
 *     deleted, unless their subtask is still waiting or running or they are a failed subtask's
 *     latest attempt (default 30 days); queue_status keeps counting them
 * @param queueTaskPurgeBatch queue_tasks ids examined per purge transaction (default 5000)
 */
@ConfigurationProperties("imagegen.maintenance")
record MaintenanceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("3") int monthsAhead,
        @DefaultValue("180d") Duration logRetention,
        @DefaultValue("30d") Duration triggerLogRetention,
        @DefaultValue("30d") Duration queueTaskRetention,
        @DefaultValue("5000") int queueTaskPurgeBatch) {}
