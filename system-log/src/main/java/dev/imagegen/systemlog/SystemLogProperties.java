package dev.imagegen.systemlog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service's system_logs rows, under {@code imagegen.system-log}.
 *
 * @param component the service's name in {@code system_logs.component} (task_api, dispatcher,
 *     generator_worker); without it the service writes no rows
 * @param writeWait how long a writer waits for its row before it goes on without it (default 2 s):
 *     at shutdown the database may be gone, and a connection attempt would wait for the pool's time-out
 * @param poolCheckInterval how often the connection pool's usage is sampled (default 5 s)
 * @param poolWarnUsage the share of the pool's connections in use from which a WARN row is written
 *     (default 0.8)
 * @param poolWarnEvery at most one pool warning per this period (default 1 min)
 */
@ConfigurationProperties("imagegen.system-log")
public record SystemLogProperties(
        String component,
        @DefaultValue("2s") Duration writeWait,
        @DefaultValue("5s") Duration poolCheckInterval,
        @DefaultValue("0.8") double poolWarnUsage,
        @DefaultValue("1m") Duration poolWarnEvery) {}
