package dev.imagegen.api.tag;

import io.swagger.v3.oas.annotations.media.Schema;

/** What managers and admins change on a tag: its translations and header image; null clears a field. */
@Schema(description = "A tag's translations and header image; a missing or null field is cleared")
record TagChange(
        @Schema(description = "Chinese name, 1 to 255 characters", nullable = true, maxLength = 255, example = "鹤")
        String nameZh,

        @Schema(description = "English name, 1 to 255 characters", nullable = true, maxLength = 255, example = "Crane")
        String nameEn,

        @Schema(
                description = "Header image: an http(s) URL or a path on this server",
                nullable = true,
                maxLength = 2048,
                pattern = "^(https?://|/)\\S+$",
                example = "/images/tags/crane.png")
        String headerImg) {}
