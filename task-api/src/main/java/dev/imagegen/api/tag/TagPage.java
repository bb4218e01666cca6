package dev.imagegen.api.tag;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of tags; {@code next} is the cursor to pass as {@code after}, null on the last page and for searches. */
@Schema(description = "A page of library tags")
record TagPage(List<TagView> items, @Schema(nullable = true) String next) {}
