package dev.imagegen.api.submit;

import dev.imagegen.api.submit.Expansion.Combination;
import dev.imagegen.api.task.Tag;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** What a submission would create; seeds shown null are drawn at random when it is submitted. */
@Schema(
        name = "TaskPreview",
        description = "What the task would create: its subtask count, queue and first combinations")
record Preview(
        @Schema(description = "Subtasks the task expands to", example = "4")
        long count,

        @Schema(description = "The queue its work would run on", example = "default")
        String queue,

        @Schema(description = "The first combinations, in expansion order (GET /api/limits: preview_size)")
        List<Subtask> combinations) {

    private static final TypeReference<List<Tag>> TAGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> PARAMETERS = new TypeReference<>() {};

    /** One combination as its subtask would be written. */
    @Schema(name = "PreviewSubtask", description = "One combination: the subtask it would become")
    record Subtask(
            @Schema(description = "The value index of each variable", example = "{\"v0\": 1, \"v1\": 0}")
            Map<String, Integer> variableIndices,

            @Schema(description = "Every tag of this combination's prompt")
            List<Tag> prompts,

            @Schema(example = "16:9") String ratio,

            @Schema(description = "The seed; null: drawn at random when submitted", nullable = true)
            Long seed,

            boolean usePolish,
            @Schema(example = "1") int batchSize,

            @Schema(description = "Generation parameters of this combination")
            Map<String, Object> parameters) {

        static Subtask of(Combination combination, ObjectMapper mapper) {
            return new Subtask(
                    combination.variableIndices(),
                    mapper.convertValue(combination.prompts(), TAGS),
                    combination.ratio(),
                    combination.seed(),
                    combination.usePolish(),
                    combination.batchSize(),
                    mapper.convertValue(combination.parameters(), PARAMETERS));
        }
    }
}
