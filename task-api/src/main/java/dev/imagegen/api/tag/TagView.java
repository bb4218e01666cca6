package dev.imagegen.api.tag;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** One library tag as the API shows it; the two counts are kept by the database. */
@Schema(description = "A library tag with its names in three languages and its usage counts")
public record TagView(
        UUID uuid,

        @Schema(allowableValues = {"prompt", "character", "element", "lumina"})
        String type,

        @Schema(description = "The canonical name") String name,

        @Schema(description = "The prompt text the tag puts into a generation")
        String value,

        @Schema(description = "Chinese name", nullable = true)
        String nameZh,

        @Schema(description = "English name", nullable = true)
        String nameEn,

        @Schema(description = "Header image URL (characters)", nullable = true)
        String headerImg,

        @Schema(description = "Images of completed subtasks that use the tag")
        long imageCount,

        @Schema(description = "Tasks that use the tag") int taskCount) {

    static final String COLUMNS = """
            t.uuid, t.type, t.name, t.value, t.name_zh, t.name_en, t.header_img, t.image_count, t.task_count""";
}
