package dev.imagegen.api.action;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** The bodies and answers of the actions on a task. */
final class ActionBodies {

    private ActionBodies() {}

    /** A rating of a completed subtask. */
    @Schema(name = "RatingChange", description = "A rating of a completed subtask, with optional words")
    record RatingChange(
            @Schema(
                    description = "The rating",
                    allowableValues = {"unrated", "poor", "good"},
                    example = "good",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String rating,

            @Schema(
                    description = "Why, in the rater's words; at most 4000 characters",
                    example = "sharp, good light",
                    nullable = true,
                    maxLength = 4000)
            String evaluation) {}

    /** The rating as stored. */
    @Schema(name = "SubtaskRated", description = "The subtask's rating as stored")
    record Rated(
            UUID subtaskId,

            @Schema(
                    allowableValues = {"unrated", "poor", "good"},
                    example = "good")
            String rating,

            @Schema(nullable = true, example = "sharp, good light")
            String evaluation) {}

    /** What a cancel did; running subtasks are cancelled when their worker reports. */
    @Schema(name = "TaskCancelled", description = "What a cancel did; running subtasks stop when their worker reports")
    record Cancelled(
            @Schema(description = "Pending subtasks cancelled now", example = "6")
            int cancelledSubtasks,

            @Schema(description = "Pending dispatch attempts cancelled now", example = "6")
            int cancelledAttempts,

            @Schema(description = "Subtasks generating now, cancelled when their worker reports", example = "1")
            long runningSubtasks) {}

    /** What a retry did. */
    @Schema(name = "TaskRetried", description = "How many failed subtasks got a new dispatch attempt")
    record Retried(@Schema(example = "2") int retriedSubtasks) {}

    /** A change of a task: who sees its work. */
    @Schema(name = "TaskChange", description = "A change of a task; today: who sees its work")
    record TaskChange(
            @Schema(
                    description = "private: owner and staff; shared: everyone signed in",
                    allowableValues = {"private", "shared"},
                    example = "shared",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String visibility) {}

    /** The task's visibility after the change. */
    @Schema(name = "TaskChanged", description = "The task after the change")
    record Changed(
            UUID id,

            @Schema(
                    allowableValues = {"private", "shared"},
                    example = "shared")
            String visibility) {}
}
