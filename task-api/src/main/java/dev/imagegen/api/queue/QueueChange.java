package dev.imagegen.api.queue;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** What managers change on a queue; a field left out (or null) stays as it is. Give at least one. */
@Schema(description = "Changes to a queue; a field left out or null stays as it is; give at least one")
record QueueChange(
        @Schema(description = "Attempts that may run at once; 0 holds every new start", nullable = true, example = "3")
        @Min(value = 0, message = QueueChecks.CONCURRENCY_RULE)
        @Max(value = QueueChecks.MAX_CONCURRENCY, message = QueueChecks.CONCURRENCY_RULE)
        Integer maxConcurrentTasks,

        @Schema(description = "false pauses the queue (nothing is claimed), true resumes it", nullable = true)
        Boolean isActive,

        @Schema(
                description = "Attempts a subtask gets before it fails for good (1 = no retry)",
                nullable = true,
                example = "3")
        @Min(value = 1, message = QueueChecks.ATTEMPTS_RULE)
        @Max(value = QueueChecks.MAX_ATTEMPTS, message = QueueChecks.ATTEMPTS_RULE)
        Integer maxAttempts,

        @Schema(
                description = "Back-off before the first retry, ISO-8601, from PT0S to PT24H and at most"
                        + " retry_backoff_max",
                type = "string",
                format = "duration",
                nullable = true,
                example = "PT2S")
        Duration retryBackoff,

        @Schema(
                description = "The longest back-off between two attempts, ISO-8601, up to PT24H and at least"
                        + " retry_backoff",
                type = "string",
                format = "duration",
                nullable = true,
                example = "PT5M")
        Duration retryBackoffMax,

        @Schema(
                description = "Starts allowed in any 60 s, across all workers; 0 removes the limit",
                nullable = true,
                example = "20")
        @Min(value = 0, message = QueueChecks.RATE_RULE)
        @Max(value = QueueChecks.MAX_RATE, message = QueueChecks.RATE_RULE)
        Integer rateLimitPerMinute) {

    boolean changesNothing() {
        return maxConcurrentTasks == null
                && isActive == null
                && rateLimitPerMinute == null
                && maxAttempts == null
                && retryBackoff == null
                && retryBackoffMax == null;
    }
}
