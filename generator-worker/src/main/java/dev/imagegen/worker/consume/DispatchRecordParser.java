package dev.imagegen.worker.consume;

import dev.imagegen.events.QueueTaskDispatched;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and checks a dispatch record's value, naming every missing or bad field. */
@Component
class DispatchRecordParser {

    private static final String[] REQUIRED = {
        "schema_version", "queue_task_id", "subtask_id", "task_id", "queue_id", "queue_name", "attempt"
    };

    private final JsonMapper json;

    DispatchRecordParser(JsonMapper json) {
        this.json = json;
    }

    QueueTaskDispatched parse(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().isBlank()) {
            throw new InvalidDispatchRecordException("empty value", null);
        }
        JsonNode tree;
        try {
            tree = json.readTree(record.value());
        } catch (JacksonException e) {
            throw new InvalidDispatchRecordException(
                    "value is not a QueueTaskDispatched: " + e.getOriginalMessage(), e);
        }
        if (!tree.isObject()) {
            throw new InvalidDispatchRecordException("value is not a QueueTaskDispatched: not a JSON object", null);
        }
        StringBuilder problems = new StringBuilder();
        for (String field : REQUIRED) {
            if (tree.path(field).isMissingNode() || tree.path(field).isNull()) {
                problems.append(' ').append(field).append(" missing;");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDispatchRecordException("invalid dispatch record:" + problems, null);
        }
        QueueTaskDispatched event;
        try {
            event = json.treeToValue(tree, QueueTaskDispatched.class);
        } catch (JacksonException e) {
            throw new InvalidDispatchRecordException("invalid dispatch record: " + e.getOriginalMessage(), e);
        }
        if (event.queueTaskId() <= 0) {
            problems.append(" queue_task_id must be positive;");
        }
        if (event.queueName().isBlank()) {
            problems.append(" queue_name is blank;");
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
