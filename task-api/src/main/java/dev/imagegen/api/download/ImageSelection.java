package dev.imagegen.api.download;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/** The subtasks whose images to download. */
@Schema(name = "ImageSelection", description = "The completed subtasks whose images to download")
record ImageSelection(
        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Ids of completed subtasks of the task, 1 to " + ImageSelection.MAX_IDS
                                        + "; a repeated id is taken once",
                                requiredMode = Schema.RequiredMode.REQUIRED),
                schema = @Schema(format = "uuid", example = "0b6c3f3e-5a3e-4a8f-9d0a-1f2b3c4d5e01"),
                minItems = 1,
                maxItems = ImageSelection.MAX_IDS)
        List<UUID> subtaskIds) {

    /** The most subtasks one selection may name. */
    static final int MAX_IDS = 1000;
}
