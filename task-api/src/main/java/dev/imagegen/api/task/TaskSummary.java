package dev.imagegen.api.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One row of the task list. */
@Schema(description = "A task as the list shows it: name, owner, status and progress")
public record TaskSummary(
        @Schema(description = "The task's id") UUID id,

        @Schema(description = "The task's name", example = "幻想风景生成任务")
        String name,

        @Schema(description = "Who submitted it", example = "user1")
        String username,

        @Schema(
                description = "The task's status",
                allowableValues = {TaskSummary.PENDING, "processing", "completed", "failed", "cancelled"},
                example = "processing")
        String status,

        @Schema(description = "1 (lowest) to 10", example = "1")
        int priority,

        @Schema(
                description = "The backend endpoint chosen at submission; null: the default",
                allowableValues = {"ops", "dev"},
                nullable = true)
        String makeApiQueue,

        @Schema(description = "The queue its work runs on", example = "default", nullable = true)
        String queue,

        @Schema(
                description = "private: owner and staff see it; shared: everyone signed in",
                allowableValues = {"private", "shared"})
        String visibility,

        @Schema(description = "Subtasks of the task (one image batch each)", example = "9")
        int totalImages,

        @Schema(description = "Subtasks finished (completed, failed or cancelled)", example = "3")
        int processedImages,

        @Schema(description = "processed_images as a percentage, 0 to 100", example = "33")
        int progress,

        @Schema(description = "When it was submitted") OffsetDateTime createdAt,
        @Schema(description = "When it last changed") OffsetDateTime updatedAt,

        @Schema(description = "When it finished; null while it runs", nullable = true)
        OffsetDateTime completedAt) {

    static final String PENDING = "pending";
}
