package dev.imagegen.worker.consume;

import dev.imagegen.events.QueueTaskDispatched;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads and checks a dispatch record's value. */
@Component
class DispatchRecordParser {

    private final JsonMapper json;

    DispatchRecordParser(JsonMapper json) {
        this.json = json;
    }

    QueueTaskDispatched parse(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().isBlank()) {
            throw new InvalidDispatchRecordException("empty value", null);
        }
        QueueTaskDispatched event;
        try {
            event = json.readValue(record.value(), QueueTaskDispatched.class);
        } catch (JacksonException e) {
            throw new InvalidDispatchRecordException(
                    "value is not a QueueTaskDispatched: " + e.getOriginalMessage(), e);
        }
        StringBuilder problems = new StringBuilder();
        if (event.schemaVersion() < 1) {
            problems.append(" schema_version missing;");
        }
        if (event.queueTaskId() <= 0) {
            problems.append(" queue_task_id missing;");
        }
        if (event.taskId() == null) {
            problems.append(" task_id missing;");
        }
        if (event.subtaskId() == null) {
            problems.append(" subtask_id missing;");
        }
        if (event.queueName() == null || event.queueName().isBlank()) {
            problems.append(" queue_name missing;");
        }
        if (event.attempt() < 1) {
            problems.append(" attempt must be at least 1;");
        }
        if (!problems.isEmpty()) {
            throw new InvalidDispatchRecordException("invalid dispatch record:" + problems, null);
        }
        return event;
    }
}
