package dev.imagegen.worker;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.events.Topics;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One test's world: its own migrated database, one queue with its own dispatch topic, a relay
 * standing in for the dispatcher, and any number of worker instances (each a Spring context with
 * its own Kafka consumers and connection pool, sharing the consumer group).
 */
final class WorkerTestBed implements AutoCloseable {

    final TestDatabase database;
    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final String queueName;
    final int queueId;
    final String bootstrapServers = TestServers.kafka().bootstrapServers();
    final String groupId;
    private final Map<String, Object> baseProperties = new HashMap<>();
    private final List<ConfigurableApplicationContext> workers = new ArrayList<>();
    private DispatchRelay relay;

    WorkerTestBed(String name, int maxConcurrent) {
        this(name, maxConcurrent, 6);
    }

    WorkerTestBed(String name, int maxConcurrent, int partitions) {
        database = TestServers.postgres().migratedDatabase(name);
        dataSource = database.newDataSource(8);
        jdbc = JdbcClient.create(dataSource);
        queueName = database.name();
        groupId = "workers-" + database.name();
        queueId = jdbc.sql("""
                INSERT INTO task_queues (name, max_concurrent_tasks, retry_backoff, retry_backoff_max)
                VALUES (?, ?, INTERVAL '100 milliseconds', INTERVAL '1 second') RETURNING id
                """)
                .params(queueName, maxConcurrent)
                .query(Integer.class)
                .single();
        createTopic(Topics.dispatchTopic(queueName), partitions);
        baseProperties.putAll(Map.ofEntries(
                Map.entry("spring.datasource.url", database.jdbcUrl()),
                Map.entry("spring.datasource.username", database.username()),
                Map.entry("spring.datasource.password", database.password()),
                Map.entry("spring.datasource.hikari.maximum-pool-size", "6"),
                Map.entry("spring.flyway.enabled", "false"),
                Map.entry("spring.kafka.bootstrap-servers", bootstrapServers),
                Map.entry("spring.main.banner-mode", "off"),
                Map.entry("imagegen.worker.topic-pattern", "imagegen\\.queue\\." + queueName),
                Map.entry("imagegen.worker.group-id", groupId),
                Map.entry("imagegen.worker.consumers", "2"),
                Map.entry("imagegen.worker.lease", "2s"),
                Map.entry("imagegen.worker.lease-renewal", "200ms"),
                Map.entry("imagegen.worker.sweep-interval", "100ms"),
                Map.entry("imagegen.worker.shutdown-timeout", "2s"),
                Map.entry("imagegen.worker.backends.default.type", "builtin"),
                Map.entry("imagegen.worker.backends.default.latency", "200ms"),
                Map.entry("imagegen.worker.storage.directory", "target/images/" + database.name())));
    }

    void set(String property, Object value) {
        baseProperties.put(property, value);
    }

    void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        } catch (InterruptedException | ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Starts one worker instance with the bed's settings plus {@code extra}. */
    ConfigurableApplicationContext startWorker(String workerId, Map<String, ?> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("imagegen.worker.id", workerId);
        String[] args = workerArguments(properties).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GeneratorWorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run(args);
        workers.add(context);
        return context;
    }

    /**
     * The bed's settings plus {@code extra} as command-line arguments, so they outrank
     * application.yml (default properties would not).
     */
    List<String> workerArguments(Map<String, ?> extra) {
        Map<String, Object> properties = new HashMap<>(baseProperties);
        properties.putAll(extra);
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toList();
    }

    /** Waits until the workers' consumer group is stable with exactly {@code members} consumers. */
    void awaitConsumers(int members) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            org.awaitility.Awaitility.await("consumer group stable at " + members + " consumers")
                    .atMost(java.time.Duration.ofMinutes(2))
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> {
                        var group = admin.describeConsumerGroups(List.of(groupId))
                                .describedGroups()
                                .get(groupId)
                                .get();
                        return group.groupState() == org.apache.kafka.common.GroupState.STABLE
                                && group.members().size() == members;
                    });
        }
    }

    ConfigurableApplicationContext startWorker(String workerId) {
        return startWorker(workerId, Map.of());
    }

    List<ConfigurableApplicationContext> workers() {
        return List.copyOf(workers);
    }

    void startRelay() {
        relay = new DispatchRelay(jdbc, bootstrapServers);
    }

    int createUser() {
        return jdbc.sql("INSERT INTO users (username, hashed_password) VALUES (?, 'x') RETURNING id")
                .param("u_" + UUID.randomUUID().toString().substring(0, 8))
                .query(Integer.class)
                .single();
    }

    /** A task with {@code count} subtasks, each with one attempt in the bed's queue, in one transaction. */
    UUID submitTask(int count, String makeApiQueue) {
        UUID taskId = jdbc.sql("""
                INSERT INTO tasks (name, user_id, make_api_queue, prompts)
                VALUES ('test task', ?, ?, '[{"type":"prompt","value":"a red fox","weight":1.0},
                                            {"type":"element","value":"snow","weight":1.2}]')
                RETURNING id
                """)
                .params(createUser(), makeApiQueue)
                .query(UUID.class)
                .single();
        jdbc.sql("""
                WITH s AS (
                    INSERT INTO subtasks (task_id, variable_indices, prompts, ratio, seed)
                    SELECT t.id, jsonb_build_object('v0', i), t.prompts, '16:9', 1000 + i
                      FROM tasks t, generate_series(0, ? - 1) AS i WHERE t.id = ?
                    RETURNING task_id, id, created_at)
                INSERT INTO queue_tasks (queue_id, task_id, subtask_id)
                SELECT ?, task_id, id FROM s ORDER BY created_at, id
                """).params(count, taskId, queueId).update();
        return taskId;
    }

    /**
     * A task of {@code count} subtasks of the user, written the way the API writes one: the subtasks in
     * expansion order, then the backlog, which admits what the queue has room for (V160).
     */
    UUID submitToBacklog(int userId, int count, int priority) {
        UUID taskId = jdbc.sql("""
                INSERT INTO tasks (name, user_id, queue_id, priority, prompts)
                VALUES ('backlog task', ?, ?, ?, '[{"type":"prompt","value":"a red fox","weight":1.0}]')
                RETURNING id
                """)
                .params(userId, queueId, priority)
                .query(UUID.class)
                .single();
        jdbc.sql("""
                INSERT INTO subtasks (task_id, seq, variable_indices, prompts, ratio, seed)
                SELECT t.id, i, jsonb_build_object('v0', i), t.prompts, '1:1', 1000 + i
                  FROM tasks t, generate_series(0, ? - 1) AS i WHERE t.id = ?
                """).params(count, taskId).update();
        jdbc.sql("SELECT enqueue_task_backlog(?)")
                .param(taskId)
                .query(Integer.class)
                .single();
        return taskId;
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Override
    public void close() throws Exception {
        for (ConfigurableApplicationContext worker : workers) {
            if (worker.isActive()) {
                worker.close();
            }
        }
        if (relay != null) {
            relay.close();
        }
        dataSource.close();
    }
}
