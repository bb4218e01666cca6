package dev.imagegen.dispatcher;

import dev.imagegen.dispatcher.leader.LeaderElection;
import dev.imagegen.testservers.TestDatabase;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One dispatcher process, as far as one JVM allows: its own application context, stopped by closing it. */
final class DispatcherInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private DispatcherInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static DispatcherInstance start(TestDatabase database, String bootstrapServers) {
        return start(database, bootstrapServers, Map.of());
    }

    static DispatcherInstance start(TestDatabase database, String bootstrapServers, Map<String, Object> more) {
        Map<String, Object> properties = new java.util.HashMap<>(more);
        properties.putAll(Map.of(
                "spring.datasource.url",
                database.jdbcUrl(),
                "spring.datasource.username",
                database.username(),
                "spring.datasource.password",
                database.password(),
                "spring.kafka.bootstrap-servers",
                bootstrapServers,
                "spring.flyway.enabled",
                "false",
                "imagegen.dispatcher.slot-name",
                database.name(),
                "imagegen.dispatcher.standby-poll-interval",
                "200ms",
                "imagegen.dispatcher.retry-backoff",
                "200ms"));
        // As command-line arguments: they outrank application.yml, unlike default properties.
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new DispatcherInstance(new SpringApplicationBuilder(DispatcherApplication.class)
                .web(WebApplicationType.NONE)
                .run(args));
    }

    LeaderElection leader() {
        return context.getBean(LeaderElection.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
