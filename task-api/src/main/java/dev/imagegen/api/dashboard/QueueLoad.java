package dev.imagegen.api.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;

/** A queue's work now: waiting and running attempts against its limit. */
@Schema(description = "A queue's work now")
public record QueueLoad(
        @Schema(example = "lumina_tasks") String queue,

        @Schema(nullable = true, example = "Lumina风格任务队列") String description,

        @Schema(description = "Attempts waiting for a slot (queue depth)", example = "40")
        long pending,

        @Schema(description = "Attempts running now", example = "2")
        long inFlight,

        @Schema(description = "Attempts that may run at once", example = "5")
        int maxInFlight,

        @Schema(description = "False while paused") boolean isActive) {}
