package dev.imagegen.api.gallery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** The artwork's like state for the caller after a like or unlike. */
@Schema(description = "Whether the caller likes the artwork now, and its like count")
record Liked(
        UUID subtaskId,

        @Schema(description = "Whether the caller likes it now")
        boolean likedByMe,

        @Schema(description = "People who like it now", example = "4")
        int likeCount) {}
