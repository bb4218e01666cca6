package dev.imagegen.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** A subtask's status changed; on {@code imagegen.task-events}, key = its task id. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubtaskStatusChanged(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("type") String type,
        @JsonProperty("task_id") UUID taskId,
        @JsonProperty("subtask_id") UUID subtaskId,
        @JsonProperty("old_status") String oldStatus,
        @JsonProperty("new_status") String newStatus,
        @JsonProperty("retry_count") int retryCount,
        @JsonProperty("changed_at") Instant changedAt,
        @JsonProperty("task_progress") int taskProgress) {

    public static final int VERSION = 1;
    public static final String TYPE = "subtask.status_changed";
}
