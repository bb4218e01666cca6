package dev.imagegen.api.task;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A variable v0..v5: the task makes one subtask per combination of its variables' values. */
@Schema(
        name = "Variable",
        description = "A variable: a type and its values. Tag types (prompt, character, element, lumina) list tags;"
                + " setting types (ratio, seed, batch_size, polish) and parameter types (steps, cfg_scale …) list plain"
                + " values, or objects {\"value\": …}")
public record TaskVariable(
        @Schema(
                description = "What the variable varies: a tag type, a setting or a generation parameter",
                example = "prompt",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String type,

        @ArraySchema(
                arraySchema = @Schema(description = "The values, in order: tags for a tag type, else plain values"),
                schema = @Schema(description = "A tag object, a plain value, or {\"value\": …}"),
                minItems = 1)
        List<Object> values) {}
