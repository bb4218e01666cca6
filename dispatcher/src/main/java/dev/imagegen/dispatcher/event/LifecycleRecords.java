package dev.imagegen.dispatcher.event;

import dev.imagegen.events.CloudEventHeaders;
import dev.imagegen.events.SubtaskStatusChanged;
import dev.imagegen.events.TaskStatusChanged;
import dev.imagegen.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A lifecycle message (a JSON array written by the status-change triggers, V052 and V053) becomes
 * one record per change on {@code imagegen.task-events}, key = task id. The CloudEvents id is the
 * message's WAL position plus the change's index, so a redelivered change keeps its id.
 */
@Component
class LifecycleRecords {

    List<ProducerRecord<String, byte[]>> statusChanges(String json, String lsn) {
        JsonNode changes = CloudEventRecords.JSON.readTree(json);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            records.add(record(changes.get(i), lsn + "-" + i));
        }
        return records;
    }

    private static ProducerRecord<String, byte[]> record(JsonNode change, String id) {
        UUID taskId = UUID.fromString(change.get("task_id").asString());
        Instant changedAt = Instant.parse(change.get("changed_at").asString());
        String kind = change.get("kind").asString();
        if (kind.equals("task")) {
            TaskStatusChanged event = new TaskStatusChanged(
                    TaskStatusChanged.VERSION,
                    TaskStatusChanged.TYPE,
                    taskId,
                    change.get("old_status").asString(),
                    change.get("new_status").asString(),
                    change.get("progress").asInt(),
                    change.get("processed_images").asInt(),
                    change.get("total_images").asInt(),
                    changedAt);
            return CloudEventRecords.of(
                    Topics.TASK_EVENTS,
                    taskId.toString(),
                    event,
                    id,
                    CloudEventHeaders.TYPE_TASK_STATUS_CHANGED,
                    changedAt);
        }
        if (kind.equals("subtask")) {
            SubtaskStatusChanged event = new SubtaskStatusChanged(
                    SubtaskStatusChanged.VERSION,
                    SubtaskStatusChanged.TYPE,
                    taskId,
                    UUID.fromString(change.get("subtask_id").asString()),
                    change.get("old_status").asString(),
                    change.get("new_status").asString(),
                    change.get("retry_count").asInt(),
                    changedAt,
                    change.get("task_progress").asInt());
            return CloudEventRecords.of(
                    Topics.TASK_EVENTS,
                    taskId.toString(),
                    event,
                    id,
                    CloudEventHeaders.TYPE_SUBTASK_STATUS_CHANGED,
                    changedAt);
        }
        throw new UnmappableChangeException("Unknown lifecycle change kind " + kind);
    }
}
