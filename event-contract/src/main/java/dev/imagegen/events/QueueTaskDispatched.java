package dev.imagegen.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * One dispatch attempt of one subtask, published on {@code imagegen.queue.<queue name>} with the
 * subtask id as key. Schema: {@code contract/queue-task-dispatched.v1.schema.json}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueTaskDispatched(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("queue_task_id") long queueTaskId,
        @JsonProperty("subtask_id") UUID subtaskId,
        @JsonProperty("task_id") UUID taskId,
        @JsonProperty("queue_id") int queueId,
        @JsonProperty("queue_name") String queueName,
        @JsonProperty("priority") int priority,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("not_before") Instant notBefore,
        @JsonProperty("enqueued_at") Instant enqueuedAt) {

    public static final int VERSION = 1;
}
