package dev.imagegen.api.progress;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The data of one {@code progress} event: the task's status and counters as they are now. */
@Schema(name = "TaskProgress", description = "A task's status and counters, sent as a progress event when they change")
record TaskProgress(
        UUID id,

        @Schema(allowableValues = {"pending", "processing", "completed", "failed", "cancelled"})
        String status,

        @Schema(description = "0 to 100", example = "33") int progress,
        @Schema(example = "9") int totalImages,
        @Schema(example = "3") int processedImages,
        @Schema(example = "1") int processingSubtasks,
        @Schema(example = "2") int completedSubtasks,
        @Schema(example = "1") int failedSubtasks,
        @Schema(example = "0") int cancelledSubtasks,
        @Schema(nullable = true) OffsetDateTime completedAt,
        OffsetDateTime updatedAt) {

    boolean finished() {
        return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
    }
}
