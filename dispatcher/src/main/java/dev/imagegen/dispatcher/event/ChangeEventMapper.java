package dev.imagegen.dispatcher.event;

import dev.imagegen.events.CloudEventHeaders;
import dev.imagegen.events.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Routes Debezium change events: queue_tasks inserts (and snapshot reads) become dispatch
 * records, lifecycle messages become task-events records, everything else (queue_tasks updates,
 * heartbeats) is acknowledged without publishing. What cannot be mapped goes to the dead-letter
 * topic with the reason, so the stream never stops on one bad event.
 */
@Component
class ChangeEventMapper {

    private static final Logger log = LoggerFactory.getLogger(ChangeEventMapper.class);

    static final String LIFECYCLE_PREFIX = "imagegen.lifecycle";

    private final QueueTaskRecords queueTasks;
    private final LifecycleRecords lifecycle;
    private final DispatchMetrics metrics;

    ChangeEventMapper(QueueTaskRecords queueTasks, LifecycleRecords lifecycle, DispatchMetrics metrics) {
        this.queueTasks = queueTasks;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
    }

    OutgoingRecords map(SourceRecord change) {
        if (!(change.value() instanceof Struct value) || value.schema().field("op") == null) {
            return OutgoingRecords.none();
        }
        Struct source = value.getStruct("source");
        long committedAt = source.getInt64("ts_ms");
        String op = value.getString("op");
        try {
            if (change.topic().endsWith(".queue_tasks") && (op.equals("c") || op.equals("r"))) {
                return new OutgoingRecords(List.of(queueTasks.dispatch(value.getStruct("after"))), committedAt);
            }
            if (op.equals("m")) {
                Struct message = value.getStruct("message");
                if (LIFECYCLE_PREFIX.equals(message.getString("prefix"))) {
                    Long lsn = source.getInt64("lsn");
                    return new OutgoingRecords(
                            lifecycle.statusChanges(content(message.get("content")), String.valueOf(lsn)), committedAt);
                }
            }
            return OutgoingRecords.none();
        } catch (DataAccessException e) {
            throw e; // the database, not the event, is the problem: the engine restarts and reads it again
        } catch (RuntimeException e) {
            log.error(
                    "Change event on {} cannot be mapped; sending it to {}",
                    change.topic(),
                    Topics.DISPATCHER_DEAD_LETTER,
                    e);
            metrics.error("unmappable");
            return new OutgoingRecords(List.of(deadLetter(change, e)), committedAt);
        }
    }

    private static String content(Object content) {
        if (content instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        return new String((byte[]) content, StandardCharsets.UTF_8);
    }

    private static ProducerRecord<String, byte[]> deadLetter(SourceRecord change, RuntimeException reason) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                Topics.DISPATCHER_DEAD_LETTER,
                change.topic(),
                String.valueOf(change.value()).getBytes(StandardCharsets.UTF_8));
        record.headers().add("dlt_reason", String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_DISPATCHER.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
