package dev.imagegen.dispatcher;

import static dev.imagegen.dispatcher.TopicRecords.header;

import com.zaxxer.hikari.HikariDataSource;
import dev.imagegen.dispatcher.event.DispatchMetrics;
import dev.imagegen.events.CloudEventHeaders;
import dev.imagegen.events.Topics;
import dev.imagegen.testservers.TestDatabase;
import dev.imagegen.testservers.TestServers;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Commit to Kafka-acknowledgement latency of the dispatcher at a steady insert rate, for several
 * settings (after a run that only warms the JVM up), then the drain rate of one large transaction. Latency is measured per event from the
 * moment the inserting transaction's commit returned to the broker's append time of its record
 * (the topic uses LogAppendTime; with one broker, append is when acks=all is answered). Run:
 * {@code ./mvnw -B -pl dispatcher exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.imagegen.dispatcher.DispatchLatencyBenchmark [-Dexec.args="500 20"]}
 */
public final class DispatchLatencyBenchmark {

    private static final String TOPIC = Topics.dispatchTopic("standard_tasks");

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String kafka = TestServers.kafka().bootstrapServers();
        createLogAppendTimeTopic(kafka);
        run("warm-up, not reported", Map.of(), rate, Math.min(seconds, 10), kafka);
        List<String> rows = new ArrayList<>();
        rows.add(run("defaults (poll 10 ms, linger 0)", Map.of(), rate, seconds, kafka));
        rows.add(run("poll 1 ms", Map.of("imagegen.dispatcher.poll-interval", "1ms"), rate, seconds, kafka));
        rows.add(run("poll 50 ms", Map.of("imagegen.dispatcher.poll-interval", "50ms"), rate, seconds, kafka));
        rows.add(run("linger 5 ms", Map.of("spring.kafka.producer.properties.linger.ms", "5"), rate, seconds, kafka));
        String burst = burst(kafka);
        System.out.printf(
                "%n| settings | target inserts/s | achieved inserts/s | events | p50 ms | p95 ms | p99 ms | max ms"
                        + " | engine timer p99 ms |%n|---|---|---|---|---|---|---|---|---|%n");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println(burst);
        System.out.printf(
                "Machine: %d cores, load average at the end %s%n",
                Runtime.getRuntime().availableProcessors(),
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                        .trim());
        System.exit(0);
    }

    private static String run(String label, Map<String, Object> settings, int rate, int seconds, String kafka) {
        TestDatabase database = TestServers.postgres().migratedDatabase("benchmark");
        try (HikariDataSource dataSource = database.newDataSource(2);
                DispatcherInstance dispatcher = DispatcherInstance.start(database, kafka, settings);
                TopicRecords records = new TopicRecords(kafka, List.of(TOPIC))) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            TestRows rows = new TestRows(jdbc);
            DispatcherReady.leading(dispatcher.leader(), jdbc, database.name());
            TestRows.TaskRows task = rows.task(64);
            insertAtRate(rows, task, rate, 3, new ConcurrentHashMap<>()); // warm-up, not measured
            Map<Long, Long> committedAt = new ConcurrentHashMap<>();
            long started = System.nanoTime();
            insertAtRate(rows, task, rate, seconds, committedAt);
            double achieved = committedAt.size() / ((System.nanoTime() - started) / 1e9);
            long[] latencies = latencies(records, task, committedAt);
            Timer engineTimer = dispatcher.bean(DispatchMetrics.class).commitToAck();
            double engineP99 = Arrays.stream(engineTimer.takeSnapshot().percentileValues())
                    .filter(v -> v.percentile() == 0.99)
                    .mapToDouble(v -> v.value(TimeUnit.MILLISECONDS))
                    .findFirst()
                    .orElse(Double.NaN);
            return "| %s | %d | %.0f | %d | %d | %d | %d | %d | %.1f |"
                    .formatted(
                            label,
                            rate,
                            achieved,
                            latencies.length,
                            percentile(latencies, 0.50),
                            percentile(latencies, 0.95),
                            percentile(latencies, 0.99),
                            latencies[latencies.length - 1],
                            engineP99);
        }
    }

    /** One thread, one single-row transaction every 1/rate seconds, on a fixed schedule. */
    private static void insertAtRate(
            TestRows rows, TestRows.TaskRows task, int rate, int seconds, Map<Long, Long> committedAt) {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            LockSupport.parkNanos(start + i * interval - System.nanoTime());
            UUID subtask = task.subtaskIds().get(i % task.subtaskIds().size());
            long id = rows.enqueue("standard_tasks", task.taskId(), subtask);
            committedAt.put(id, System.currentTimeMillis());
        }
    }

    private static long[] latencies(TopicRecords records, TestRows.TaskRows task, Map<Long, Long> committedAt) {
        Map<Long, Long> appendedAt = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String taskId = task.taskId().toString();
        while (appendedAt.keySet().containsAll(committedAt.keySet()) == false && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : records.poll(r -> r.value().contains(taskId))) {
                appendedAt.putIfAbsent(Long.parseLong(header(r, CloudEventHeaders.ID)), r.timestamp());
            }
        }
        return committedAt.entrySet().stream()
                .filter(e -> appendedAt.containsKey(e.getKey()))
                .mapToLong(e -> Math.max(0, appendedAt.get(e.getKey()) - e.getValue()))
                .sorted()
                .toArray();
    }

    /** One transaction inserts many rows; events per second from its commit to the last append. */
    private static String burst(String kafka) {
        int count = 20_000;
        TestDatabase database = TestServers.postgres().migratedDatabase("benchmark_burst");
        try (HikariDataSource dataSource = database.newDataSource(2);
                DispatcherInstance dispatcher = DispatcherInstance.start(database, kafka);
                TopicRecords records = new TopicRecords(kafka, List.of(TOPIC))) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            TestRows rows = new TestRows(jdbc);
            DispatcherReady.leading(dispatcher.leader(), jdbc, database.name());
            TestRows.TaskRows task = rows.task(1);
            jdbc.sql("""
                            INSERT INTO queue_tasks (queue_id, task_id, subtask_id)
                            SELECT :queue, :task, :subtask FROM generate_series(1, :count)
                            """)
                    .param("queue", rows.queueId("standard_tasks"))
                    .param("task", task.taskId())
                    .param("subtask", task.subtaskIds().getFirst())
                    .param("count", count)
                    .update();
            long committed = System.currentTimeMillis();
            String taskId = task.taskId().toString();
            long last = 0;
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (seen < count && System.nanoTime() < deadline) {
                List<ConsumerRecord<String, String>> mine =
                        records.poll(r -> r.value().contains(taskId));
                seen = mine.size();
                last = mine.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(0);
            }
            return "Burst: one transaction of %d queue_tasks rows, %d events on Kafka %d ms after commit: %.0f events/s"
                    .formatted(count, seen, last - committed, seen * 1000.0 / Math.max(1, last - committed));
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void createLogAppendTimeTopic(String kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1)
                            .configs(Map.of("message.timestamp.type", "LogAppendTime"))))
                    .all()
                    .get();
        }
    }

    private DispatchLatencyBenchmark() {}
}
