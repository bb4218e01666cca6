package dev.imagegen.api.tag;

import io.swagger.v3.oas.annotations.media.Schema;

/** What managers and admins change on a tag: its translations and header image; null clears a field. */
@Schema(description = "A tag's translations and header image; a missing or null field is cleared")
record TagChange(
        @Schema(description = "Chinese name, at most 255 characters", nullable = true)
        String nameZh,

        @Schema(description = "English name, at most 255 characters", nullable = true)
        String nameEn,

        @Schema(description = "Header image: an http(s) URL or a path on this server", nullable = true)
        String headerImg) {}
