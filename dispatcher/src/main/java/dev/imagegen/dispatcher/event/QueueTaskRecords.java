package dev.imagegen.dispatcher.event;

import dev.imagegen.events.CloudEventHeaders;
import dev.imagegen.events.QueueTaskDispatched;
import dev.imagegen.events.Topics;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Struct;
import org.springframework.stereotype.Component;

/** A queue_tasks row as inserted becomes a {@link QueueTaskDispatched} on its queue's topic, key = subtask id. */
@Component
class QueueTaskRecords {

    private final QueueDirectory queues;

    QueueTaskRecords(QueueDirectory queues) {
        this.queues = queues;
    }

    ProducerRecord<String, byte[]> dispatch(Struct row) {
        int queueId = row.getInt32("queue_id");
        String queueName = queues.nameOf(queueId);
        QueueTaskDispatched event = new QueueTaskDispatched(
                QueueTaskDispatched.VERSION,
                row.getInt64("id"),
                UUID.fromString(row.getString("subtask_id")),
                UUID.fromString(row.getString("task_id")),
                queueId,
                queueName,
                row.getInt16("priority"),
                row.getInt32("attempt"),
                instant(row.getString("not_before")),
                instant(row.getString("enqueued_at")));
        return CloudEventRecords.of(
                Topics.dispatchTopic(queueName),
                event.subtaskId().toString(),
                event,
                Long.toString(event.queueTaskId()),
                CloudEventHeaders.TYPE_QUEUE_TASK_DISPATCHED,
                event.enqueuedAt());
    }

    private static Instant instant(String zonedTimestamp) {
        return zonedTimestamp == null ? null : Instant.parse(zonedTimestamp);
    }
}
