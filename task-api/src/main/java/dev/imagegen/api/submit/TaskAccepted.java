package dev.imagegen.api.submit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The answer to a submission: the task as written, with the counters the triggers set. */
@Schema(name = "TaskAccepted", description = "The submitted task as written")
record TaskAccepted(
        @Schema(description = "The task's id; GET /api/tasks/{id} reads it")
        UUID id,

        @Schema(example = "幻想风景生成任务") String name,

        @Schema(
                description = "The task's status",
                allowableValues = {"pending", "processing", "completed", "failed", "cancelled"},
                example = "pending")
        String status,

        @Schema(example = "1") int priority,

        @Schema(description = "Subtasks the task expanded to", example = "4")
        int totalImages,

        @Schema(description = "The queue its work runs on", example = "default", nullable = true)
        String queue,

        OffsetDateTime createdAt) {

    static final String FIND = """
            SELECT t.id, t.name, t.status::text AS status, t.priority, t.total_images, q.name AS queue, t.created_at
              FROM tasks t LEFT JOIN task_queues q ON q.id = t.queue_id
             WHERE t.id = :id
            """;
}
