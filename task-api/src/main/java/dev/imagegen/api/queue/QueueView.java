package dev.imagegen.api.queue;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.List;

/** One queue with its load (the queue_status view), its retry policy and the backend endpoints failing for it now. */
@Schema(
        description = "A queue: its limit, its running count, its attempts by status, its retry policy and its failing"
                + " endpoints")
public record QueueView(
        @Schema(example = "2") int id,

        @Schema(description = "Also the Kafka topic's suffix: imagegen.queue.<name>", example = "lumina_tasks")
        String name,

        @Schema(nullable = true, example = "Lumina风格任务队列") String description,

        @Schema(description = "Attempts that may run at once; 0 holds every new start", example = "5")
        int maxConcurrentTasks,

        @Schema(
                description = "Starts allowed in any 60 s across all workers; null: no rate limit",
                nullable = true,
                example = "20")
        Integer rateLimitPerMinute,

        @Schema(description = "Attempts running now", example = "2")
        int currentConcurrentTasks,

        @Schema(description = "False while paused: nothing is claimed")
        boolean isActive,

        @Schema(description = "Attempts ever dispatched to the queue", example = "1200")
        long totalTasks,

        @Schema(description = "Attempts waiting for a slot", example = "40")
        long pendingTasks,

        @Schema(description = "Attempts being generated", example = "2")
        long processingTasks,

        @Schema(description = "Attempts that ended with images", example = "1150")
        long completedTasks,

        @Schema(description = "Attempts that ended with an error", example = "8")
        long failedTasks,

        @Schema(description = "Mean generation time of completed attempts", nullable = true, example = "3.4")
        Double avgProcessingTimeSeconds,

        @Schema(description = "Attempts a subtask gets before it fails for good (1 = no retry)", example = "3")
        int maxAttempts,

        @Schema(
                description = "Back-off before the first retry, ISO-8601; attempt n waits retry_backoff × 2^(n-1)",
                type = "string",
                format = "duration",
                example = "PT2S")
        Duration retryBackoff,

        @Schema(
                description = "The longest back-off between two attempts, ISO-8601",
                type = "string",
                format = "duration",
                example = "PT5M")
        Duration retryBackoffMax,

        @Schema(
                description = "Endpoints with an open circuit on a worker that sent this queue's work to"
                        + " them; empty when every endpoint answers. A worker's entry lapses when it"
                        + " stops or stops refreshing it")
        List<OpenCircuit> openCircuits) {}
