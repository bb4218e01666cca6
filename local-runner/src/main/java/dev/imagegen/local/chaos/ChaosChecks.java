package dev.imagegen.local.chaos;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What a chaos run checks once the load has stopped and the system has drained. */
final class ChaosChecks {

    private static final Pattern QUEUE_TASK_ID = Pattern.compile("\"queue_task_id\"\\s*:\\s*(\\d+)");

    private ChaosChecks() {}

    /** Subtasks of the accepted tasks by status. */
    record Subtasks(long total, long completed, long failed, long cancelled, long unfinished, long tasksMissing) {}

    static Subtasks subtasks(Connection connection, Collection<UUID> accepted) throws SQLException {
        UUID[] ids = accepted.toArray(UUID[]::new);
        try (var statement = connection.prepareStatement("""
                SELECT count(*),
                       count(*) FILTER (WHERE s.status = 'completed'),
                       count(*) FILTER (WHERE s.status = 'failed'),
                       count(*) FILTER (WHERE s.status = 'cancelled'),
                       count(*) FILTER (WHERE s.status NOT IN ('completed', 'failed', 'cancelled')),
                       (SELECT count(*) FROM unnest(?::uuid[]) a(id) WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = a.id))
                  FROM subtasks s WHERE s.task_id = ANY(?::uuid[])
                """)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("uuid", ids));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Subtasks(
                        row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6));
            }
        }
    }

    static long unfinished(Connection connection) throws SQLException {
        return count(
                connection, "SELECT count(*) FROM subtasks WHERE status NOT IN ('completed', 'failed', 'cancelled')");
    }

    /** Rows returned by the consistency check functions (invariants 1, 3 and 9 at rest). */
    static long inconsistencies(Connection connection) throws SQLException {
        return count(connection, "SELECT count(*) FROM check_task_progress_consistency()")
                + count(connection, "SELECT count(*) FROM check_queue_concurrency_consistency()")
                + count(connection, "SELECT count(*) FROM check_gallery_counters_consistency()");
    }

    /** Subtasks with more than one completed attempt in the database. */
    static long completedTwice(Connection connection) throws SQLException {
        return count(connection, """
                SELECT count(*) FROM (SELECT 1 FROM queue_tasks WHERE status = 'completed'
                                       GROUP BY task_id, subtask_id HAVING count(*) > 1) twice
                """);
    }

    /** How the recorded generations compare with the subtasks' completion. */
    record Generations(
            long generations,
            long subtasksGeneratedAgain,
            long overlapping,
            long afterCompletion,
            List<Overlap> overlaps) {}

    /** Two generations of one subtask (its prompt) that ran at the same time. */
    record Overlap(String prompt, RecordingBackend.Generation first, RecordingBackend.Generation second) {}

    static Generations generations(Connection connection, List<RecordingBackend.Generation> recorded)
            throws SQLException {
        Map<String, Instant> completedAt = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT result -> 'metadata' ->> 'prompt', completed_at FROM subtasks
                         WHERE status = 'completed' AND result -> 'metadata' ? 'prompt'
                        """)) {
            while (rows.next()) {
                completedAt.put(rows.getString(1), rows.getTimestamp(2).toInstant());
            }
        }
        return generations(completedAt, recorded);
    }

    /**
     * Groups the generations by prompt (one per subtask in a chaos run): a subtask generated more
     * than once, two generations of one subtask that overlap in time (two workers at once), and
     * generations that started after the subtask had completed.
     */
    static Generations generations(Map<String, Instant> completedAt, List<RecordingBackend.Generation> recorded) {
        Map<String, List<RecordingBackend.Generation>> byPrompt = new HashMap<>();
        for (RecordingBackend.Generation generation : recorded) {
            byPrompt.computeIfAbsent(generation.prompt(), p -> new ArrayList<>())
                    .add(generation);
        }
        long again = 0;
        List<Overlap> overlaps = new ArrayList<>();
        long afterCompletion = 0;
        for (var entry : byPrompt.entrySet()) {
            List<RecordingBackend.Generation> runs = entry.getValue();
            runs.sort((a, b) -> a.started().compareTo(b.started()));
            if (runs.size() > 1) {
                again++;
            }
            for (int i = 1; i < runs.size(); i++) {
                if (runs.get(i).started().isBefore(runs.get(i - 1).ended())) {
                    overlaps.add(new Overlap(entry.getKey(), runs.get(i - 1), runs.get(i)));
                }
            }
            Instant completed = completedAt.get(entry.getKey());
            if (completed != null) {
                afterCompletion += runs.stream()
                        .filter(run -> run.started().isAfter(completed))
                        .count();
            }
        }
        return new Generations(recorded.size(), again, overlaps.size(), afterCompletion, List.copyOf(overlaps));
    }

    /**
     * queue_tasks rows (attempts), the dispatch records, how many attempts no dispatch topic carries,
     * and when each attempt's first record was written (Kafka's record timestamp).
     */
    record Dispatch(long attempts, long records, long undelivered, Map<Long, Long> firstRecordMillis) {}

    static Dispatch dispatch(Connection connection, Properties kafka, Duration timeout) throws SQLException {
        Set<Long> attempts = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM queue_tasks")) {
            while (rows.next()) {
                attempts.add(rows.getLong(1));
            }
        }
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<Long, Long> seen = new HashMap<>();
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.listTopics().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("imagegen.queue."))
                    .flatMap(e -> e.getValue().stream().map(p -> new TopicPartition(p.topic(), p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !reached(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    if (record.value() == null) {
                        continue;
                    }
                    Matcher id = QUEUE_TASK_ID.matcher(new String(record.value(), StandardCharsets.UTF_8));
                    if (id.find()) {
                        seen.merge(Long.parseLong(id.group(1)), record.timestamp(), Math::min);
                    }
                }
            }
        }
        long undelivered = attempts.stream().filter(id -> !seen.containsKey(id)).count();
        return new Dispatch(attempts.size(), records, undelivered, seen);
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (var entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
