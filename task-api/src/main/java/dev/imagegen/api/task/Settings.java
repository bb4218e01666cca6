package dev.imagegen.api.task;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The four settings of a task in the seed's shape {@code {value, is_variable, variable_id}}: a fixed value, or the
 * values of the variable of the same type it names.
 */
public final class Settings {

    private static final String IS_VARIABLE = "true: the setting takes the values of the variable variable_id";
    private static final String VARIABLE_ID = "The variable (of the same type) that supplies the values";

    private Settings() {}

    /** The aspect ratio. */
    @Schema(name = "RatioSetting", description = "The aspect ratio, fixed or from a ratio variable; default 1:1")
    public record Ratio(
            @Schema(description = "A known ratio (GET /api/limits)", example = "16:9", nullable = true)
            String value,

            @Schema(description = IS_VARIABLE, example = "false", nullable = true)
            Boolean isVariable,

            @Schema(description = VARIABLE_ID, example = "v2", nullable = true)
            String variableId) {}

    /** The seed; null draws one at random for each subtask. */
    @Schema(name = "SeedSetting", description = "The seed, fixed or from a seed variable; null: random per subtask")
    public record Seed(
            @Schema(description = "0 to 4294967295; null: random", example = "12345", nullable = true, format = "int64")
            Long value,

            @Schema(description = IS_VARIABLE, example = "false", nullable = true)
            Boolean isVariable,

            @Schema(description = VARIABLE_ID, nullable = true)
            String variableId) {}

    /** Images per subtask. */
    @Schema(name = "BatchSizeSetting", description = "Images per subtask, fixed or from a batch_size variable")
    public record BatchSize(
            @Schema(description = "Images per subtask (GET /api/limits)", example = "2", nullable = true)
            Integer value,

            @Schema(description = IS_VARIABLE, example = "false", nullable = true)
            Boolean isVariable,

            @Schema(description = VARIABLE_ID, nullable = true)
            String variableId) {}

    /** Whether the prompt is polished before generation. */
    @Schema(name = "PolishSetting", description = "Whether the prompt is polished first, fixed or from a variable")
    public record Polish(
            @Schema(description = "true: polish the prompt", example = "false", nullable = true)
            Boolean value,

            @Schema(description = IS_VARIABLE, example = "false", nullable = true)
            Boolean isVariable,

            @Schema(description = VARIABLE_ID, nullable = true)
            String variableId) {}
}
