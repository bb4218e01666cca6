package dev.imagegen.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** A task's status changed; on {@code imagegen.task-events}, key = task id. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskStatusChanged(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("type") String type,
        @JsonProperty("task_id") UUID taskId,
        @JsonProperty("old_status") String oldStatus,
        @JsonProperty("new_status") String newStatus,
        @JsonProperty("progress") int progress,
        @JsonProperty("processed_images") int processedImages,
        @JsonProperty("total_images") int totalImages,
        @JsonProperty("changed_at") Instant changedAt) {

    public static final int VERSION = 1;
    public static final String TYPE = "task.status_changed";
}
