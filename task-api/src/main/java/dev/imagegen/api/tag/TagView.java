package dev.imagegen.api.tag;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** One library tag as the API shows it; the two counts are kept by the database. */
@Schema(description = "A library tag with its names in three languages and its usage counts")
public record TagView(
        @Schema(
                description = "The tag's id, which tasks' prompts name",
                example = "4f0c6a8e-3f0e-4a57-9d7e-0c5b8c1d2e3f")
        UUID uuid,

        @Schema(
                allowableValues = {"prompt", "character", "element", "lumina"},
                example = "element")
        String type,

        @Schema(description = "The canonical name", example = "crane")
        String name,

        @Schema(description = "The prompt text the tag puts into a generation", example = "red-crowned crane")
        String value,

        @Schema(description = "Chinese name", nullable = true, example = "鹤")
        String nameZh,

        @Schema(description = "English name", nullable = true, example = "Crane")
        String nameEn,

        @Schema(description = "Header image URL (characters)", nullable = true, example = "/images/tags/crane.png")
        String headerImg,

        @Schema(description = "Images of completed subtasks that use the tag", example = "36")
        long imageCount,

        @Schema(description = "Tasks that use the tag", example = "4")
        int taskCount) {

    static final String COLUMNS = """
            t.uuid, t.type, t.name, t.value, t.name_zh, t.name_en, t.header_img, t.image_count, t.task_count""";
}
