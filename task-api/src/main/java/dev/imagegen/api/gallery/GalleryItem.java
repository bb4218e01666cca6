package dev.imagegen.api.gallery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One artwork: a completed subtask's images, with its task, owner, likes and library tags. */
@Schema(description = "An artwork: the images of one completed subtask")
record GalleryItem(
        @Schema(description = "The subtask whose images these are; likes name it")
        UUID subtaskId,

        UUID taskId,
        @Schema(example = "Cranes at dawn") String taskName,

        @Schema(description = "The task's owner", example = "user1")
        String username,

        @Schema(
                description = "Image URLs, served under /images to whoever may see the task",
                example = "[\"/images/7d3f0a52-1c9e-4a0b-b3a5-2f6c4e9d8a10/s1-0.png\"]")
        List<String> images,

        @Schema(description = "Images of the subtask", example = "1")
        int imageCount,

        @Schema(description = "People who like it", example = "3")
        int likeCount,

        @Schema(description = "Whether the caller likes it") boolean likedByMe,

        @Schema(description = "The library tags its prompts use, by type then name")
        List<TagChip> tags,

        @Schema(description = "When the subtask completed") OffsetDateTime createdAt) {

    /** A library tag on an artwork, enough to draw a chip that leads to the tag's page. */
    @Schema(description = "A library tag used by the artwork")
    record TagChip(
            UUID uuid,

            @Schema(allowableValues = {"prompt", "character", "element", "lumina"})
            String type,

            @Schema(example = "crane") String name,
            @Schema(nullable = true, example = "鹤") String nameZh,
            @Schema(nullable = true, example = "Crane") String nameEn) {}
}
