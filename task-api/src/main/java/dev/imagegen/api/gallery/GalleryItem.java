package dev.imagegen.api.gallery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One artwork: a completed subtask's images, with its task, owner, likes and library tags. */
@Schema(description = "An artwork: the images of one completed subtask")
record GalleryItem(
        UUID subtaskId,
        UUID taskId,
        String taskName,
        String username,

        @Schema(description = "Image URLs, served under /images")
        List<String> images,

        int imageCount,
        int likeCount,
        boolean likedByMe,
        List<TagChip> tags,
        @Schema(description = "When the subtask completed") OffsetDateTime createdAt) {

    /** A library tag on an artwork, enough to draw a chip that leads to the tag's page. */
    @Schema(description = "A library tag used by the artwork")
    record TagChip(
            UUID uuid,
            String type,
            String name,
            @Schema(nullable = true) String nameZh,
            @Schema(nullable = true) String nameEn) {}
}
