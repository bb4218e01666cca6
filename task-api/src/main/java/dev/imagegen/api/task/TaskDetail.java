package dev.imagegen.api.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One task: its counters by status and rating, its settings and variables as submitted. */
@Schema(description = "One task with its counters, settings and variables")
public record TaskDetail(
        @Schema(description = "The task's id") UUID id,

        @Schema(description = "The task's name", example = "幻想风景生成任务")
        String name,

        @Schema(description = "The owner's account id", example = "3")
        int userId,

        @Schema(description = "The owner's user name", example = "user1")
        String username,

        @Schema(description = "The owner's display name", nullable = true)
        String displayName,

        @Schema(
                description = "The task's status",
                allowableValues = {"pending", "processing", "completed", "failed", "cancelled"})
        String status,

        @Schema(description = "1 (lowest) to 10", example = "1")
        int priority,

        @Schema(
                description = "The backend endpoint; null: the default",
                allowableValues = {"ops", "dev"},
                nullable = true)
        String makeApiQueue,

        @Schema(description = "The queue its work runs on", example = "default", nullable = true)
        String queue,

        @Schema(
                description = "Who sees it",
                allowableValues = {"private", "shared"})
        String visibility,

        @Schema(description = "Subtasks of the task", example = "9")
        int totalImages,

        @Schema(description = "Subtasks finished (completed, failed or cancelled)", example = "3")
        int processedImages,

        @Schema(description = "0 to 100", example = "33") int progress,

        @Schema(description = "Subtasks of the task (the same as total_images)", example = "9")
        int subtaskCount,

        @Schema(description = "Subtasks completed", example = "2")
        int completedSubtasks,

        @Schema(description = "Subtasks failed", example = "1")
        int failedSubtasks,

        @Schema(description = "Subtasks generating now", example = "1")
        int processingSubtasks,

        @Schema(description = "Subtasks cancelled", example = "0")
        int cancelledSubtasks,

        @Schema(description = "Subtasks rated good", example = "1")
        int goodQualityImages,

        @Schema(description = "Subtasks rated poor", example = "0")
        int poorQualityImages,

        @Schema(description = "The fixed tags, in every subtask's prompt")
        List<Tag> prompts,

        Settings.Ratio ratio,
        Settings.Seed seed,
        Settings.BatchSize batchSize,
        Settings.Polish polish,

        @Schema(description = "The variables by name, v0 to v5")
        Map<String, TaskVariable> variables,

        @Schema(
                description = "Generation parameters by name, as submitted: a fixed one as its value, one taken from a"
                        + " variable as {\"is_variable\": true, \"variable_id\": \"v1\"}",
                example = "{\"steps\": 30, \"cfg_scale\": {\"is_variable\": true, \"variable_id\": \"v1\"}}")
        Map<String, Object> parameters,

        @Schema(description = "When it was submitted") OffsetDateTime createdAt,
        @Schema(description = "When it last changed") OffsetDateTime updatedAt,

        @Schema(description = "When it finished; null while it runs", nullable = true)
        OffsetDateTime completedAt) {}
