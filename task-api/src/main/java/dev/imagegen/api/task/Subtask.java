package dev.imagegen.api.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One subtask: one combination of the task's variables, one image batch. */
@Schema(description = "One subtask: a combination of the task's variables and its images")
public record Subtask(
        @Schema(description = "The subtask's id") UUID id,

        @Schema(
                description = "The subtask's status",
                allowableValues = {"pending", "processing", "completed", "failed", "cancelled"})
        String status,

        @Schema(description = "The value index of each variable, e.g. {\"v0\": 2, \"v1\": 0}", example = "{\"v0\": 2}")
        Map<String, Integer> variableIndices,

        @Schema(description = "Every tag of this combination's prompt")
        List<Tag> prompts,

        @Schema(description = "The aspect ratio", example = "16:9")
        String ratio,

        @Schema(description = "The seed; null until one is drawn", nullable = true)
        Long seed,

        @Schema(description = "Whether the prompt is polished first")
        boolean usePolish,

        @Schema(description = "Images in the batch", example = "2")
        int batchSize,

        @Schema(description = "Retries so far", example = "0")
        int retryCount,

        @Schema(description = "Why the last attempt failed", nullable = true)
        String error,

        @Schema(description = "The images once completed; null before", nullable = true)
        SubtaskResult result,

        @Schema(
                description = "The rating",
                allowableValues = {"unrated", "poor", "good"})
        String rating,

        @Schema(description = "The rater's words", nullable = true)
        String evaluation,

        OffsetDateTime createdAt,
        @Schema(nullable = true) OffsetDateTime startedAt,
        @Schema(nullable = true) OffsetDateTime completedAt,
        OffsetDateTime updatedAt) {}
