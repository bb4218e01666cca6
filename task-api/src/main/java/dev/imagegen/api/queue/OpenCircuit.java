package dev.imagegen.api.queue;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

/** A backend endpoint whose circuit is open on one worker: that worker holds the queue's work for it back. */
@Schema(
        description = "A backend endpoint that failed several times in a row on a worker; that worker's"
                + " generations for it wait until a probe succeeds")
public record OpenCircuit(
        @Schema(
                description = "The endpoint's name: the tasks' make_api_queue it serves",
                allowableValues = {"default", "ops", "dev"})
        String endpoint,

        @Schema(description = "The endpoint's backend", example = "openai")
        String backendType,

        @Schema(description = "The worker whose circuit is open")
        String workerId,

        @Schema(description = "When the circuit opened") OffsetDateTime since,

        @Schema(description = "The latest failure of the endpoint", nullable = true)
        String lastError) {}
