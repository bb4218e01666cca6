package dev.imagegen.api.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One row of a task's log. */
@Schema(name = "TaskLogEntry", description = "One entry of a task's log")
public record TaskLogEntry(
        @Schema(description = "The entry's id, also the cursor of the following page", example = "1207")
        long id,

        @Schema(description = "The subtask it is about; null for the whole task", nullable = true)
        UUID subtaskId,

        @Schema(description = "How serious: INFO, WARNING, ERROR …", example = "INFO")
        String logLevel,

        @Schema(description = "What happened", example = "cancelled")
        String message,

        @Schema(description = "Facts of the entry, such as who did it", nullable = true)
        Map<String, Object> details,

        OffsetDateTime createdAt) {}
