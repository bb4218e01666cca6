package dev.imagegen.api.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/** One queue's finished attempts on one UTC day, as the housekeeping last computed them. */
@Schema(description = "One queue's finished attempts on one UTC day")
public record DailyQueueStats(
        @Schema(description = "UTC day the attempts finished", example = "2026-03-01")
        LocalDate day,

        @Schema(example = "lumina_tasks") String queue,

        @Schema(description = "Attempts that ended with images", example = "120")
        long completed,

        @Schema(description = "Attempts that ended with an error", example = "3")
        long failed,

        @Schema(description = "Completed attempts whose subtask is rated good", example = "40")
        long good,

        @Schema(description = "Completed attempts whose subtask is rated poor", example = "5")
        long poor,

        @Schema(description = "Mean seconds from start to completion", nullable = true, example = "3.4")
        Double avgGenerationSeconds) {}
