package dev.imagegen.worker;

import dev.imagegen.events.CloudEventHeaders;
import dev.imagegen.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stands in for the dispatcher in these tests: publishes every new queue_tasks row (by id) as a
 * QueueTaskDispatched record, the way the dispatcher's contract describes, polling every few ms;
 * and, as the dispatcher's leader does, admits every 250 ms what no completion clocks.
 */
final class DispatchRelay implements AutoCloseable {

    private static final String NEW_ATTEMPTS = """
            SELECT q.id, q.subtask_id, q.task_id, q.queue_id, tq.name AS queue_name, q.priority, q.attempt,
                   to_char(q.not_before AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS not_before,
                   to_char(q.enqueued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS enqueued_at
              FROM queue_tasks q JOIN task_queues tq ON tq.id = q.queue_id
             WHERE q.id > :after ORDER BY q.id
            """;

    private final JdbcClient jdbc;
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private volatile boolean running = true;
    private long lastId;

    DispatchRelay(JdbcClient jdbc, String bootstrapServers) {
        this.jdbc = jdbc;
        this.producer = producer(bootstrapServers);
        this.thread = Thread.ofPlatform().daemon().name("dispatch-relay").start(this::loop);
    }

    static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    private void loop() {
        long admitted = 0;
        while (running) {
            try {
                if (System.nanoTime() - admitted > 250_000_000L) {
                    jdbc.sql("SELECT count(*) FROM admit_all_queues()")
                            .query(Long.class)
                            .single();
                    admitted = System.nanoTime();
                }
                relayNew();
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void relayNew() {
        jdbc.sql(NEW_ATTEMPTS).param("after", lastId).query(rs -> {
            long id = rs.getLong("id");
            String value = """
                    {"schema_version":1,"queue_task_id":%d,"subtask_id":"%s","task_id":"%s","queue_id":%d,\
                    "queue_name":"%s","priority":%d,"attempt":%d,"not_before":%s,"enqueued_at":"%s"}""".formatted(
                            id,
                            rs.getString("subtask_id"),
                            rs.getString("task_id"),
                            rs.getInt("queue_id"),
                            rs.getString("queue_name"),
                            rs.getInt("priority"),
                            rs.getInt("attempt"),
                            rs.getString("not_before") == null ? "null" : "\"" + rs.getString("not_before") + "\"",
                            rs.getString("enqueued_at"));
            ProducerRecord<String, String> record = new ProducerRecord<>(
                    Topics.dispatchTopic(rs.getString("queue_name")), rs.getString("subtask_id"), value);
            header(record, CloudEventHeaders.ID, Long.toString(id));
            header(record, CloudEventHeaders.TYPE, CloudEventHeaders.TYPE_QUEUE_TASK_DISPATCHED);
            header(record, CloudEventHeaders.SOURCE, "/imagegen/test-relay");
            header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
            header(record, CloudEventHeaders.TIME, Instant.now().toString());
            producer.send(record);
            lastId = Math.max(lastId, id);
        });
        producer.flush();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
        producer.close();
    }
}
