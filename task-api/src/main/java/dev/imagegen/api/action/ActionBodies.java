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

    /** What a cancel of one subtask did. */
    @Schema(
            name = "SubtaskCancelled",
            description = "The subtask is cancelled; one that was generating keeps its worker busy until it reports,"
                    + " and that result is discarded")
    record SubtaskCancelled(
            UUID subtaskId,

            @Schema(description = "The subtask's status now", allowableValues = "cancelled", example = "cancelled")
            String status,

            @Schema(
                    description = "Its status before the cancel",
                    allowableValues = {"pending", "processing"},
                    example = "pending")
            String was,

            @Schema(description = "Pending dispatch attempts cancelled now", example = "1")
            int cancelledAttempts) {}

    /** What a retry of one subtask did. */
    @Schema(name = "SubtaskRetried", description = "The subtask is pending again, with a new dispatch attempt")
    record SubtaskRetried(
            UUID subtaskId,

            @Schema(description = "The subtask's status now", allowableValues = "pending", example = "pending")
            String status,

            @Schema(description = "The number of the new attempt (1 for the first)", example = "2")
            int attempt) {}

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
