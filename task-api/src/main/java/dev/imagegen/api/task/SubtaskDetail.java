package dev.imagegen.api.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One subtask with every dispatch attempt it had. */
@Schema(description = "One subtask with its task's name and owner and every dispatch attempt")
public record SubtaskDetail(
        UUID id,
        @Schema(description = "The task it belongs to") UUID taskId,
        @Schema(description = "The task's name") String taskName,
        @Schema(description = "The task owner's user name") String username,

        @Schema(allowableValues = {"pending", "processing", "completed", "failed", "cancelled"})
        String status,

        @Schema(description = "The value index of each variable")
        Map<String, Integer> variableIndices,

        List<Tag> prompts,
        String ratio,
        @Schema(nullable = true) Long seed,
        boolean usePolish,
        int batchSize,
        int retryCount,
        @Schema(nullable = true) String error,

        @Schema(description = "The images once completed; null before", nullable = true)
        SubtaskResult result,

        @Schema(allowableValues = {"unrated", "poor", "good"})
        String rating,

        @Schema(nullable = true) String evaluation,
        OffsetDateTime createdAt,
        @Schema(nullable = true) OffsetDateTime startedAt,
        @Schema(nullable = true) OffsetDateTime completedAt,
        OffsetDateTime updatedAt,

        @Schema(description = "Every dispatch attempt, oldest first")
        List<Attempt> attempts) {

    /** One dispatch attempt of the subtask on a queue. */
    @Schema(name = "DispatchAttempt", description = "One dispatch attempt of a subtask")
    public record Attempt(
            @Schema(description = "The attempt's id", example = "42")
            long id,

            @Schema(description = "The queue it ran on", example = "default")
            String queue,

            @Schema(
                    description = "The attempt's status",
                    allowableValues = {"pending", "processing", "completed", "failed", "cancelled"})
            String status,

            @Schema(description = "1 for the first attempt", example = "1")
            int attempt,

            OffsetDateTime enqueuedAt,
            @Schema(nullable = true) OffsetDateTime startedAt,
            @Schema(nullable = true) OffsetDateTime completedAt,

            @Schema(description = "The worker that claimed it", nullable = true)
            String workerId,

            @Schema(nullable = true) String error) {}
}
