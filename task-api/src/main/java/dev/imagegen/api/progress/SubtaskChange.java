package dev.imagegen.api.progress;

import dev.imagegen.api.task.SubtaskResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A subtask as it is now, in the few fields a grid card shows; the rest is read with GET .../subtasks/{sid}. */
@Schema(
        name = "SubtaskChange",
        description = "A subtask's state after a change (last state wins): what a grid card shows, without the"
                + " prompt or metadata")
record SubtaskChange(
        @Schema(description = "The subtask's id") UUID id,

        @Schema(allowableValues = {"pending", "processing", "completed", "failed", "cancelled"})
        String status,

        @Schema(allowableValues = {"unrated", "poor", "good"})
        String rating,

        @Schema(description = "The rater's words", nullable = true)
        String evaluation,

        @Schema(description = "Why the last attempt failed", nullable = true)
        String error,

        @Schema(description = "Retries so far", example = "0")
        int retryCount,

        @Schema(description = "The images once completed; null before", nullable = true)
        List<SubtaskResult.Image> images,

        @Schema(description = "When the subtask last changed")
        OffsetDateTime updatedAt) {}
