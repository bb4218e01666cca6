package dev.imagegen.api.submit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** What a submitted task must keep, as the checks apply it: read from {@link SubmitLimits}, never repeated by hand. */
@Schema(name = "Limits", description = "The limits a submitted task must keep, as the server checks them")
record Limits(
        @Schema(description = "Variables a task may carry, named v0 upwards", example = "6")
        int maxVariables,

        @Schema(description = "Values one variable may list", example = "100")
        int maxValuesPerVariable,

        @Schema(description = "Largest product of the variables' value counts: subtasks per task", example = "10000")
        int maxSubtasksPerTask,

        @Schema(description = "Fixed tags in prompts", example = "100")
        int maxTags,

        @Schema(description = "Characters of a task's name", example = "255")
        int maxNameLength,

        @Schema(description = "Characters of a tag's text", example = "4000")
        int maxTagValueLength,

        @Schema(description = "Smallest tag weight", example = "-10")
        double minWeight,

        @Schema(description = "Largest tag weight", example = "10")
        double maxWeight,

        @Schema(description = "Smallest priority", example = "1")
        int minPriority,

        @Schema(description = "Largest priority", example = "10")
        int maxPriority,

        @Schema(description = "Images per subtask, at least", example = "1")
        int minBatchSize,

        @Schema(description = "Images per subtask, at most", example = "8")
        int maxBatchSize,

        @Schema(description = "Batch sizes allowed, smallest first", example = "[1, 2, 3, 4, 5, 6, 7, 8]")
        List<Integer> batchSizes,

        @Schema(description = "Largest seed; seeds start at 0", example = "4294967295")
        long maxSeed,

        @Schema(description = "The known aspect ratios", example = "[\"1:1\", \"16:9\", \"9:16\"]")
        List<String> ratios,

        @Schema(description = "Tag types", example = "[\"prompt\", \"character\", \"element\", \"lumina\"]")
        List<String> tagTypes,

        @Schema(description = "Generation parameters a task may set", example = "[\"cfg_scale\", \"steps\"]")
        List<String> parameters,

        @Schema(description = "Combinations a preview shows", example = "20")
        int previewSize) {

    static Limits of(SubmitLimits limits) {
        return new Limits(
                limits.maxVariables(),
                limits.maxValuesPerVariable(),
                limits.maxSubtasks(),
                limits.maxTags(),
                limits.maxNameLength(),
                limits.maxTagValueLength(),
                limits.minWeight(),
                limits.maxWeight(),
                limits.minPriority(),
                limits.maxPriority(),
                limits.minBatchSize(),
                limits.maxBatchSize(),
                java.util.stream.IntStream.rangeClosed(limits.minBatchSize(), limits.maxBatchSize())
                        .boxed()
                        .toList(),
                limits.maxSeed(),
                List.copyOf(limits.ratios()),
                TaskSubmission.TAG_TYPES,
                ParameterChecks.NAMES,
                limits.previewSize());
    }
}
