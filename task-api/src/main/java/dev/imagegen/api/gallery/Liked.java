package dev.imagegen.api.gallery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** The artwork's like state for the caller after a like or unlike. */
@Schema(description = "Whether the caller likes the artwork now, and its like count")
record Liked(UUID subtaskId, boolean likedByMe, int likeCount) {}
