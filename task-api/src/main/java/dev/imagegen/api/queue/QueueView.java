package dev.imagegen.api.queue;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One queue with its load (the queue_status view) and the backend endpoints failing for it now. */
@Schema(description = "A queue: its limit, its running count, its attempts by status and its failing endpoints")
public record QueueView(
        int id,
        String name,
        @Schema(nullable = true) String description,

        @Schema(description = "Attempts that may run at once")
        int maxConcurrentTasks,

        @Schema(description = "Attempts running now") int currentConcurrentTasks,

        @Schema(description = "False while paused: nothing is claimed")
        boolean isActive,

        @Schema(description = "Attempts ever dispatched to the queue")
        long totalTasks,

        long pendingTasks,
        long processingTasks,
        long completedTasks,
        long failedTasks,

        @Schema(description = "Mean generation time of completed attempts", nullable = true)
        Double avgProcessingTimeSeconds,

        @Schema(
                description = "Endpoints with an open circuit on a worker that sent this queue's work to"
                        + " them; empty when every endpoint answers. A worker's entry lapses when it"
                        + " stops or stops refreshing it")
        List<OpenCircuit> openCircuits) {}
